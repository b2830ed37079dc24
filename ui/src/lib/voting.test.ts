import { describe, expect, it } from 'vitest';
import {
  answerExample,
  buildIdeasAnswer,
  buildPaperAnswer,
  buildScoresAnswer,
  QUESTION_KINDS,
  emptyQuestionForm,
  handChoices,
  handsPairs,
  nextDraftQuestion,
  parsePort,
  preselectAddress,
  questionInput,
  scaleValues,
} from './voting';

const q = (id: string, state: 'draft' | 'open' | 'closed') => ({ id, state });
const options = [
  { id: 'o1', label: 'Water' },
  { id: 'o2', label: 'Schools' },
];

describe('address preselection', () => {
  it('offers the first address phones can reach', () => {
    const list = [
      { interface: 'lo', ip: '127.0.0.1' },
      { interface: 'wlp2s0', ip: '192.168.1.20' },
      { interface: 'ap0', ip: '10.42.0.1' },
    ];
    expect(preselectAddress(list)).toBe('192.168.1.20');
  });

  it('falls back to this computer alone, or to nothing', () => {
    expect(preselectAddress([{ interface: 'lo', ip: '127.0.0.1' }])).toBe('127.0.0.1');
    expect(preselectAddress([])).toBe('');
  });
});

describe('port', () => {
  it('reads a port, 0 for any, empty for the default', () => {
    expect(parsePort('8080')).toBe(8080);
    expect(parsePort('0')).toBe(0);
    expect(parsePort(' ')).toBe(8080);
  });

  it('refuses what is not a port', () => {
    expect(parsePort('70000')).toBeNull();
    expect(parsePort('80a')).toBeNull();
    expect(parsePort('-1')).toBeNull();
  });
});

describe('the next draft question', () => {
  const list = [q('a', 'closed'), q('b', 'draft'), q('c', 'open'), q('d', 'closed'), q('e', 'draft'), q('f', 'draft')];

  it('is the first draft after the current one', () => {
    expect(nextDraftQuestion(list, 'c')?.id).toBe('e');
    expect(nextDraftQuestion(list, 'e')?.id).toBe('f');
  });

  it('is the first draft when there is no current question', () => {
    expect(nextDraftQuestion(list, null)?.id).toBe('b');
    expect(nextDraftQuestion(list, 'gone')?.id).toBe('b');
  });

  it('is none after the last draft, even with drafts before', () => {
    expect(nextDraftQuestion(list, 'f')).toBeNull();
    expect(nextDraftQuestion([], null)).toBeNull();
  });
});

describe('paper ballots', () => {
  const entry = { value: null, option: '', json: '' };

  it('take a scale value', () => {
    expect(buildPaperAnswer('scale', { ...entry, value: 4 })).toEqual({ ok: true, answer: { value: 4 } });
    expect(buildPaperAnswer('scale', entry)).toEqual({ ok: false, error: 'pick_value' });
  });

  it('take one option', () => {
    expect(buildPaperAnswer('single', { ...entry, option: 'o2' })).toEqual({ ok: true, answer: { option: 'o2' } });
    expect(buildPaperAnswer('single', entry)).toEqual({ ok: false, error: 'pick_option' });
  });

  it('take the other kinds as a JSON object', () => {
    expect(buildPaperAnswer('ranking', { ...entry, json: '{"order":["o2","o1"]}' })).toEqual({
      ok: true,
      answer: { order: ['o2', 'o1'] },
    });
    expect(buildPaperAnswer('points', { ...entry, json: '{points' })).toEqual({ ok: false, error: 'bad_json' });
    expect(buildPaperAnswer('dots', { ...entry, json: '[1]' })).toEqual({ ok: false, error: 'bad_json' });
    expect(buildPaperAnswer('grid', { ...entry, json: 'null' })).toEqual({ ok: false, error: 'bad_json' });
  });

  it('show an example with the question own option ids', () => {
    const ex = JSON.parse(answerExample({ kind: 'points', options, budget: null }));
    expect(ex).toEqual({ points: { o1: 50, o2: 50 } });
    expect(JSON.parse(answerExample({ kind: 'ranking', options, budget: null }))).toEqual({ order: ['o1', 'o2'] });
    expect(answerExample({ kind: 'scale', options: [], budget: null })).toBe('');
  });
});

describe('hands', () => {
  it('are counted per scale value or per option, not for the other kinds', () => {
    expect(handChoices({ kind: 'scale', scale: { min: 0, max: 2 }, options: [] }).map((c) => c.key)).toEqual([
      '0',
      '1',
      '2',
    ]);
    expect(handChoices({ kind: 'single', scale: null, options }).map((c) => c.key)).toEqual(['o1', 'o2']);
    expect(handChoices({ kind: 'ranking', scale: null, options })).toEqual([]);
  });

  it('become pairs of choice and count; empty boxes are 0', () => {
    const choices = [{ key: '1' }, { key: '2' }, { key: '3' }];
    expect(handsPairs(choices, ['4', '', ' 7 '])).toEqual([
      ['1', 4],
      ['2', 0],
      ['3', 7],
    ]);
  });

  it('are refused when a box is not a whole number', () => {
    expect(handsPairs([{ key: 'o1' }, { key: 'o2' }], ['3', '2.5'])).toBeNull();
    expect(handsPairs([{ key: 'o1' }], ['-1'])).toBeNull();
  });

  it('scale values default to 1–5', () => {
    expect(scaleValues(null)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('a new question', () => {
  it('reads a scale with its bounds and no options', () => {
    const input = questionInput({ ...emptyQuestionForm(), prompt: ' How urgent? ', options: 'x\ny' });
    expect(input).toEqual({
      kind: 'scale',
      prompt: 'How urgent?',
      options: [],
      scale: { min: 1, max: 5 },
      budget: null,
      requires_code: false,
    });
  });

  it('reads options one per line, skipping blank ones', () => {
    const input = questionInput({ ...emptyQuestionForm(), kind: 'points', prompt: 'P', options: ' Water \n\nSchools\n', budget: '' });
    expect(input).toMatchObject({ options: ['Water', 'Schools'], scale: null, budget: null });
  });

  it('keeps a budget for points, dots and multiple only', () => {
    expect(questionInput({ ...emptyQuestionForm(), kind: 'dots', budget: '5' })).toMatchObject({ budget: 5 });
    expect(questionInput({ ...emptyQuestionForm(), kind: 'single', budget: '5' })).toMatchObject({ budget: null });
    expect(questionInput({ ...emptyQuestionForm(), kind: 'dots', budget: '0' })).toEqual({ error: 'bad_budget' });
  });

  it('refuses a scale whose bounds do not read', () => {
    expect(questionInput({ ...emptyQuestionForm(), min: '5', max: '1' })).toEqual({ error: 'bad_scale' });
    expect(questionInput({ ...emptyQuestionForm(), min: 'a' })).toEqual({ error: 'bad_scale' });
  });

  it('asks the room for ideas without options; scores are left to the Prioritization tab', () => {
    expect(QUESTION_KINDS).toContain('ideas');
    expect(QUESTION_KINDS).not.toContain('scores');
    const input = questionInput({ ...emptyQuestionForm(), kind: 'ideas', prompt: 'Causes?', options: 'left over' });
    expect(input).toMatchObject({ kind: 'ideas', options: [], scale: null, budget: null });
  });

  it('asks for a code when it is anonymous', () => {
    expect(questionInput({ ...emptyQuestionForm(), requiresCode: true })).toMatchObject({ requires_code: true });
  });
});

describe('paper scores and ideas', () => {
  const criteria = [
    { id: 'k1', label: 'Gap' },
    { id: 'k2', label: 'Urgency' },
  ];
  const scored = { options, criteria };

  it('read a table of 1–5 scores in the shape phones send, skipping empty rows', () => {
    expect(buildScoresAnswer(scored, [[' 4', '2'], ['', '']])).toEqual({
      ok: true,
      answer: { scores: { o1: { k1: 4, k2: 2 } } },
    });
  });

  it('name the row left half done, or the score off the scale', () => {
    expect(buildScoresAnswer(scored, [['4', '2'], ['3', '']])).toEqual({ ok: false, error: 'scores_row', option: 'Schools' });
    expect(buildScoresAnswer(scored, [['4', '7'], []])).toEqual({ ok: false, error: 'scores_value', option: 'Water' });
    expect(buildScoresAnswer(scored, [['x', '2'], []])).toMatchObject({ error: 'scores_value' });
    expect(buildScoresAnswer(scored, [])).toEqual({ ok: false, error: 'scores_empty' });
  });

  it('read the ideas copied, empty boxes left out and spaces squeezed', () => {
    expect(buildIdeasAnswer(['  Pocas   escuelas ', '', 'Caminos'])).toEqual({
      ok: true,
      answer: { ideas: ['Pocas escuelas', 'Caminos'] },
    });
    expect(buildIdeasAnswer(['', ' '])).toEqual({ ok: false, error: 'ideas_empty' });
  });
});
