import { describe, expect, it } from 'vitest';
import {
  PAIR_SCALE,
  completeScores,
  criterionColour,
  fixed,
  pairOptions,
  pairText,
  pairValue,
  pairWordKey,
  parsePairValue,
  parsePoints,
  parseScore,
  pointsSummary,
  recordedWhen,
  sensitivitySentence,
  stackedBars,
  subjectFromCode,
  subjectLabel,
  titleIn,
  weightWidth,
  wrapLabel,
  type Translate,
} from './prioritization';
import { translate } from './i18n.svelte';

describe('a goal or target typed by its code', () => {
  it('is a goal when it is a number', () => {
    expect(subjectFromCode('4')).toEqual({ kind: 'goal', code: '4' });
    expect(subjectFromCode(' 8 ')).toEqual({ kind: 'goal', code: '8' });
  });

  it('is a target when a letter follows the goal, whatever its case and spacing', () => {
    expect(subjectFromCode('4.A')).toEqual({ kind: 'target', code: '4.A' });
    expect(subjectFromCode('7.c')).toEqual({ kind: 'target', code: '7.C' });
    expect(subjectFromCode(' 1 . b ')).toEqual({ kind: 'target', code: '1.B' });
  });

  it('drops leading zeros so the core finds the code', () => {
    expect(subjectFromCode('04')).toEqual({ kind: 'goal', code: '4' });
    expect(subjectFromCode('06.A')).toEqual({ kind: 'target', code: '6.A' });
  });

  it('is nothing when it has neither shape', () => {
    for (const text of ['', '  ', 'abc', '4.', '4.AB', '4A', '4.1', 'A.4', '123', '4,A']) {
      expect([text, subjectFromCode(text)]).toEqual([text, null]);
    }
  });

  it('leaves to the core whether a well-shaped code exists', () => {
    expect(subjectFromCode('9')).toEqual({ kind: 'goal', code: '9' });
    expect(subjectFromCode('4.Z')).toEqual({ kind: 'target', code: '4.Z' });
  });
});

describe('labels in the workshop language', () => {
  const title = { es: 'Reducir la mortalidad', en: 'Reduce mortality', pt: '', fr: 'Réduire la mortalité' };

  it('reads a title in the language, else in spanish', () => {
    expect(titleIn(title, 'en')).toBe('Reduce mortality');
    expect(titleIn(title, 'pt')).toBe('Reducir la mortalidad');
  });

  it('names a target as the core does for the phones', () => {
    expect(subjectLabel('target', '4.A', title, 'es', translate)).toBe('Meta 4.A: Reducir la mortalidad');
    expect(subjectLabel('goal', '4', title, 'en', translate)).toBe('MDG 4: Reduce mortality');
  });
});

describe('the 100 points', () => {
  it('reads whole numbers, with an empty box as 0', () => {
    expect(parsePoints('25')).toBe(25);
    expect(parsePoints(' 0 ')).toBe(0);
    expect(parsePoints('')).toBe(0);
  });

  it('refuses what is not a whole number of 0 or more', () => {
    for (const text of ['-5', '12.5', '12,5', 'diez', '1e2']) expect([text, parsePoints(text)]).toEqual([text, null]);
  });

  it('adds up what was typed and says when it makes 100', () => {
    expect(pointsSummary(['40', '30', '30'])).toEqual({ values: [40, 30, 30], sum: 100, valid: true, hundred: true });
    expect(pointsSummary(['40', '30', ''])).toMatchObject({ sum: 70, valid: true, hundred: false });
  });

  it('counts the readable boxes but is never 100 with an unreadable one', () => {
    expect(pointsSummary(['50', '50', 'x'])).toMatchObject({ sum: 100, valid: false, hundred: false });
  });

  it('lets a sum above 100 be seen as it is', () => {
    expect(pointsSummary(['60', '60']).sum).toBe(120);
  });
});

describe("saaty's pairwise scale", () => {
  it('offers nine judgements from much more to much less important', () => {
    expect(PAIR_SCALE).toEqual(['9', '7', '5', '3', '1', '1/3', '1/5', '1/7', '1/9']);
  });

  it('reads whole judgements and fractions like 1/3', () => {
    expect(parsePairValue('9')).toBe(9);
    expect(parsePairValue('1')).toBe(1);
    expect(parsePairValue('1/3')).toBeCloseTo(1 / 3, 12);
    expect(parsePairValue(' 1 / 9 ')).toBeCloseTo(1 / 9, 12);
  });

  it('refuses what is off the scale', () => {
    for (const text of ['0', '10', '2/3', '1/10', '', 'x', '-3', '0.5']) {
      expect([text, parsePairValue(text)]).toEqual([text, null]);
    }
  });

  it('writes a stored judgement back as the select shows it', () => {
    expect(pairText(7)).toBe('7');
    expect(pairText(1 / 5)).toBe('1/5');
    expect(pairText(0.33333333)).toBe('1/3');
    expect(pairText(1)).toBe('1');
  });

  it('reads and writes every value of the scale the same way round', () => {
    for (const text of PAIR_SCALE) expect(pairText(parsePairValue(text) as number)).toBe(text);
  });

  it('says each judgement in words, more or less important', () => {
    expect(pairWordKey('1')).toBe('prioritization.pair.equal');
    expect(pairWordKey('7')).toBe('prioritization.pair.more_7');
    expect(pairWordKey('1/3')).toBe('prioritization.pair.less_3');
  });

  it('leaves the in-between values to their number', () => {
    expect(pairWordKey('4')).toBeNull();
    expect(pairWordKey('1/2')).toBeNull();
  });

  it('keeps a stored in-between value among the options, in its place', () => {
    expect(pairOptions('3')).toBe(PAIR_SCALE);
    expect(pairOptions('4')).toEqual(['9', '7', '5', '4', '3', '1', '1/3', '1/5', '1/7', '1/9']);
    expect(pairOptions('1/2')).toEqual(['9', '7', '5', '3', '1', '1/2', '1/3', '1/5', '1/7', '1/9']);
  });

  it('finds a judgement whichever way round the core stored it', () => {
    const pairs = [{ first: 'b', second: 'a', value: 5 }];
    expect(pairValue(pairs, 'b', 'a')).toBe(5);
    expect(pairValue(pairs, 'a', 'b')).toBeCloseTo(0.2, 12);
  });

  it('takes two criteria never compared as equally important', () => {
    expect(pairValue([], 'a', 'b')).toBe(1);
  });
});

describe('numbers of the results', () => {
  it('writes scores with two decimals and the decimal mark of the language', () => {
    expect(fixed(3.5, 'es')).toBe('3,50');
    expect(fixed(3.5, 'en')).toBe('3.50');
    expect(fixed(4.126, 'pt')).toBe('4,13');
    expect(fixed(0.04, 'fr')).toBe('0,04');
  });

  it('writes a dash when there is no score', () => {
    expect(fixed(null, 'es')).toBe('—');
    expect(fixed(undefined, 'es')).toBe('—');
    expect(fixed(Number.NaN, 'en')).toBe('—');
  });

  it('never writes minus zero', () => {
    expect(fixed(-0.001, 'en')).toBe('0.00');
    expect(fixed(-1.5, 'en')).toBe('−1.50');
  });

  it('dates a decision by the facilitator clock', () => {
    const iso = new Date(2026, 3, 14, 15, 5).toISOString();
    expect(recordedWhen(iso, 'es')).toMatch(/14.+abril.+2026, 15:05/);
    expect(recordedWhen('soon', 'en')).toBe('soon');
  });
});

describe('the group scores', () => {
  it('reads a score of 1 to 5, and nothing otherwise', () => {
    expect(parseScore('4')).toBe(4);
    expect(parseScore('')).toBeNull();
    expect(parseScore('6')).toBeNull();
  });

  it('are sent only when every criterion has its score', () => {
    expect(completeScores(['1', '5', '3'])).toEqual([1, 5, 3]);
    expect(completeScores(['1', '', '3'])).toBeNull();
    expect(completeScores([])).toBeNull();
  });
});

describe('the sensitivity sentence', () => {
  const t: Translate = (key, params = {}) =>
    `${key.replace('prioritization.sensitivity.', '')}(${Object.entries(params)
      .map(([k, v]) => `${k}=${v}`)
      .join(',')})`;
  const list = (items: string[]) => items.join(' & ');
  const candidates = ['Meta 4.A', 'Meta 1.C', 'Meta 7.C'];
  const criteria = ['Gap', 'Trend', 'Urgency'];
  const chosen = [0.5, 0.3, 0.2];

  it('says what equal weights and the loss of the heaviest criterion would change', () => {
    const s = sensitivitySentence(
      {
        equal_weights: { first: [1], changes: true, dropped: null },
        without_heaviest: { first: [2], changes: true, dropped: 0 },
      },
      candidates,
      criteria,
      chosen,
      t,
      list,
    );
    expect(s).toBe('equal_changes(first=Meta 1.C) without_changes(criterion=Gap,first=Meta 7.C)');
  });

  it('says when the first place stays the same', () => {
    const s = sensitivitySentence(
      {
        equal_weights: { first: [0], changes: false, dropped: null },
        without_heaviest: { first: [0], changes: false, dropped: 0 },
      },
      candidates,
      criteria,
      chosen,
      t,
      list,
    );
    expect(s).toBe('equal_same() without_same(criterion=Gap)');
  });

  it('names every candidate of a tied first place', () => {
    const s = sensitivitySentence(
      { equal_weights: { first: [0, 2], changes: true, dropped: null }, without_heaviest: null },
      candidates,
      criteria,
      chosen,
      t,
      list,
    );
    expect(s).toBe('equal_changes(first=tie(names=Meta 4.A & Meta 7.C))');
  });

  it('leaves out equal weights when the weights already are equal', () => {
    const s = sensitivitySentence(
      {
        equal_weights: { first: [0], changes: false, dropped: null },
        without_heaviest: { first: [1], changes: true, dropped: 2 },
      },
      candidates,
      criteria,
      [1 / 3, 1 / 3, 1 / 3],
      t,
      list,
    );
    expect(s).toBe('without_changes(criterion=Urgency,first=Meta 1.C)');
  });

  it('is empty before anything is scored', () => {
    expect(sensitivitySentence({ equal_weights: null, without_heaviest: null }, candidates, criteria, chosen, t, list)).toBe('');
  });

  it('reads as a sentence in spanish', () => {
    const es: Translate = (key, params) => translate('es', key, params);
    const s = sensitivitySentence(
      {
        equal_weights: { first: [0], changes: false, dropped: null },
        without_heaviest: { first: [1], changes: true, dropped: 0 },
      },
      candidates,
      criteria,
      chosen,
      es,
      list,
    );
    expect(s).toContain('Meta 1.C');
    expect(s).toContain('Gap');
    expect(s).not.toContain('prioritization.');
  });
});

describe('the stacked breakdown bars', () => {
  it('lay each criterion contribution after the one before, on a 0 to 5 axis', () => {
    const [bar] = stackedBars([[1, 2, 0.5]]);
    expect(bar.segments.map((s) => s.criterion)).toEqual([0, 1, 2]);
    expect(bar.segments[0]).toMatchObject({ x: 0, width: 0.2, value: 1 });
    expect(bar.segments[1].x).toBeCloseTo(0.2, 12);
    expect(bar.segments[1].width).toBeCloseTo(0.4, 12);
    expect(bar.segments[2].x).toBeCloseTo(0.6, 12);
    expect(bar.end).toBeCloseTo(0.7, 12);
    expect(bar.total).toBeCloseTo(3.5, 12);
  });

  it('give no room to a criterion nobody scored, and no bar to a candidate nobody scored', () => {
    const [some, none] = stackedBars([
      [1, null, 1],
      [null, null, null],
    ]);
    expect(some.segments.map((s) => s.criterion)).toEqual([0, 2]);
    expect(some.total).toBe(2);
    expect(none).toEqual({ segments: [], end: 0, total: null });
  });

  it('never run past the end of the axis', () => {
    const [bar] = stackedBars([[4, 3]]);
    expect(bar.end).toBeCloseTo(1, 12);
    expect(bar.segments[1].width).toBeCloseTo(0.2, 12);
  });

  it('scale to another maximum when asked', () => {
    expect(stackedBars([[5]], 10)[0].segments[0].width).toBe(0.5);
  });
});

describe('colours and weight bars', () => {
  it('gives neighbouring criteria different colours and repeats after eight', () => {
    expect(criterionColour(0).fill).not.toBe(criterionColour(1).fill);
    expect(criterionColour(8)).toEqual(criterionColour(0));
  });

  it('draws a weight as its percent of the whole track', () => {
    expect(weightWidth(0.25)).toBe(25);
    expect(weightWidth(1.2)).toBe(100);
    expect(weightWidth(-0.1)).toBe(0);
  });
});

describe('chart labels', () => {
  it('stay on one line when they fit', () => {
    expect(wrapLabel('ODM 3: Igualdad', 20)).toEqual(['ODM 3: Igualdad']);
  });

  it('break at spaces onto a second line', () => {
    expect(wrapLabel('Meta 4.A: Reducir la mortalidad infantil', 20)).toEqual(['Meta 4.A: Reducir la', 'mortalidad infantil']);
  });

  it('end in an ellipsis when even two lines are not enough', () => {
    const lines = wrapLabel('Meta 4.A: Reducir en dos terceras partes la mortalidad de los niños', 20);
    expect(lines).toHaveLength(2);
    expect(lines[1].endsWith('…')).toBe(true);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(20);
  });

  it('cut a single word longer than the line', () => {
    expect(wrapLabel('Supercalifragilisticoespialidoso', 10, 1)).toEqual(['Supercali…']);
  });

  it('give nothing for an empty label', () => {
    expect(wrapLabel('   ', 10)).toEqual([]);
  });
});
