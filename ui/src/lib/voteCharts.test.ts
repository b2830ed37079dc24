import { describe, expect, it } from 'vitest';
import type { CandidateScore, OptionTally, PrioritizationResults, ScaleTally } from './types';
import {
  ideaRows,
  meanOf,
  scoreRows,
  standingRows,
  gridPoints,
  gridPosition,
  optionBars,
  optionRows,
  quadrant,
  rankingBars,
  rankingRows,
  scaleBars,
  scaleRows,
} from './voteCharts';

const opt = (option: string, over: Partial<OptionTally> = {}): OptionTally => ({
  option,
  label: option.toUpperCase(),
  count: 0,
  hands: 0,
  mean: null,
  borda: null,
  impact: null,
  feasibility: null,
  ...over,
});

const scale: ScaleTally = {
  scale: { min: 1, max: 5 },
  counts: [1, 0, 2, 1],
  hand_counts: [0, 0, 0, 0, 0],
  by_channel: { phone: 4, paper: 0, hands: 0 },
  n: 4,
  mean: 2.75,
  median: 3,
  std_dev: 1.1,
};

describe('scale charts', () => {
  it('have a bar per value, lowest first, missing counts as 0', () => {
    expect(scaleRows(scale).map((r) => [r.value, r.count])).toEqual([
      [1, 1],
      [2, 0],
      [3, 2],
      [4, 1],
      [5, 0],
    ]);
    expect(scaleRows(scale)[2].share).toBe(0.5);
  });

  it('write the count and the share on each bar', () => {
    const bars = scaleBars(scale, 'en');
    expect(bars[2]).toMatchObject({ label: '3', value: 2, text: '2 · 50%' });
    expect(bars[1].text).toBe('0');
  });

  it('start where the scale starts', () => {
    expect(scaleRows({ ...scale, scale: { min: 0, max: 2 }, counts: [3, 1, 0] }).map((r) => r.value)).toEqual([0, 1, 2]);
  });
});

describe('option charts', () => {
  it('keep the question order, with shares of the ballots for choices', () => {
    const rows = optionRows('single', [opt('a', { count: 1 }), opt('b', { count: 3 })], 4);
    expect(rows.map((r) => [r.option, r.share])).toEqual([
      ['a', 0.25],
      ['b', 0.75],
    ]);
  });

  it('take shares of everything given for points and dots', () => {
    const rows = optionRows('points', [opt('a', { count: 150 }), opt('b', { count: 50 })], 2);
    expect(rows.map((r) => r.share)).toEqual([0.75, 0.25]);
  });

  it('multiple choices can add up to more than the ballots', () => {
    const rows = optionRows('multiple', [opt('a', { count: 2 }), opt('b', { count: 2 })], 2);
    expect(rows.map((r) => r.share)).toEqual([1, 1]);
  });

  it('write the numbers in the UI language', () => {
    expect(optionBars('points', [opt('a', { count: 1500 })], 15, 'es')[0].text).toMatch(/^1\.?500 · 100/);
  });

  it('show nothing wrong with no ballots', () => {
    expect(optionBars('single', [opt('a')], 0, 'en')[0]).toMatchObject({ value: 0, text: '0' });
  });
});

describe('ranking', () => {
  it('is ordered by Borda score, highest first', () => {
    const rows = rankingRows([
      opt('a', { borda: 4, mean: 2.2, count: 1 }),
      opt('b', { borda: 9, mean: 1.4, count: 3 }),
      opt('c', { borda: 6, mean: 1.8, count: 1 }),
    ]);
    expect(rows.map((r) => [r.option, r.place])).toEqual([
      ['b', 1],
      ['c', 2],
      ['a', 3],
    ]);
  });

  it('breaks ties by mean position, then first places; equal options share a place', () => {
    const rows = rankingRows([
      opt('a', { borda: 5, mean: 2, count: 0 }),
      opt('b', { borda: 5, mean: 1.5, count: 1 }),
      opt('c', { borda: 5, mean: 2, count: 0 }),
      opt('d', { borda: 5, mean: 2, count: 2 }),
    ]);
    expect(rows.map((r) => [r.option, r.place])).toEqual([
      ['b', 1],
      ['d', 2],
      ['a', 3],
      ['c', 3],
    ]);
  });

  it('puts options without a score last', () => {
    expect(rankingRows([opt('a'), opt('b', { borda: 0 })]).map((r) => r.option)).toEqual(['b', 'a']);
  });

  it('labels the bars with the place', () => {
    expect(rankingBars([opt('a', { borda: 2 }), opt('b', { borda: 7 })], 'en').map((b) => b.label)).toEqual([
      '1. B',
      '2. A',
    ]);
  });
});

describe('grid', () => {
  it('names the four squares with lines at 0.5', () => {
    expect(quadrant(0.8, 0.9)).toBe('do_first');
    expect(quadrant(0.8, 0.2)).toBe('plan');
    expect(quadrant(0.2, 0.9)).toBe('quick_win');
    expect(quadrant(0.49, 0.49)).toBe('set_aside');
    expect(quadrant(0.5, 0.5)).toBe('do_first');
  });

  it('numbers the placed options and skips the unplaced', () => {
    const points = gridPoints([
      opt('a', { impact: 0.9, feasibility: 0.1, count: 3 }),
      opt('b'),
      opt('c', { impact: 1.2, feasibility: -0.1, count: 1 }),
    ]);
    expect(points.map((p) => [p.key, p.mark, p.impact, p.feasibility])).toEqual([
      ['a', 1, 0.9, 0.1],
      ['c', 2, 1, 0],
    ]);
  });

  it('draws impact upwards and feasibility to the right', () => {
    expect(gridPosition({ impact: 1, feasibility: 0 }, 120, 10)).toEqual({ x: 10, y: 10 });
    expect(gridPosition({ impact: 0, feasibility: 1 }, 120, 10)).toEqual({ x: 110, y: 110 });
  });
});

describe('scores', () => {
  it('summarise each option by its mean over the criteria scored, in the question order', () => {
    const rows = scoreRows([
      { option: 'a', label: 'A', n: 2, means: [4, 3, 5] },
      { option: 'b', label: 'B', n: 0, means: [null, null, null] },
    ]);
    expect(rows.map((r) => [r.option, r.mean])).toEqual([
      ['a', 4],
      ['b', null],
    ]);
    expect(meanOf([2, null, 4])).toBe(3);
  });
});

describe('ideas', () => {
  it('put the most shared first, keep the order they came in among equals, and share places', () => {
    const rows = ideaRows([
      { text: 'Caminos', count: 1 },
      { text: 'Agua', count: 3 },
      { text: 'Escuelas', count: 1 },
    ]);
    expect(rows.map((r) => [r.text, r.place, r.share])).toEqual([
      ['Agua', 1, 1],
      ['Caminos', 2, 1 / 3],
      ['Escuelas', 2, 1 / 3],
    ]);
  });

  it('draw nothing odd with no ideas', () => {
    expect(ideaRows([])).toEqual([]);
  });
});

describe('standing', () => {
  const score = (candidate: number, contributions: (number | null)[], over: Partial<CandidateScore> = {}): CandidateScore => ({
    candidate,
    n: 3,
    weighted: contributions.reduce<number>((a, c) => a + (c ?? 0), 0),
    median: null,
    spread: null,
    agreement: 'high',
    criteria: contributions.map((c) => ({ mean: c, contribution: c })),
    rank: 1,
    tied: false,
    ...over,
  });
  const results = (candidates: CandidateScore[]): PrioritizationResults => ({
    candidates: [
      { id: 'c0', label: 'Meta 4.A' },
      { id: 'c1', label: 'Meta 7.C' },
    ],
    criteria: [
      { id: 'k0', label: 'Brecha' },
      { id: 'k1', label: 'Urgencia' },
    ],
    weights: [0.5, 0.5],
    ranking: { candidates, sensitivity: { equal_weights: null, without_heaviest: null } },
    scorers: 3,
  });

  it('keeps the core order and stacks each criterion part on a 0 to 5 axis', () => {
    const rows = standingRows(results([score(1, [2, 1.5], { tied: true }), score(0, [1, 2.5], { rank: 1, tied: true })]));
    expect(rows.map((r) => [r.key, r.label, r.rank, r.tied])).toEqual([
      ['c1', 'Meta 7.C', 1, true],
      ['c0', 'Meta 4.A', 1, true],
    ]);
    expect(rows[0].segments).toEqual([
      { criterion: 0, x: 0, width: 0.4, value: 2 },
      { criterion: 1, x: 0.4, width: 0.3, value: 1.5 },
    ]);
    expect(rows[0].end).toBeCloseTo(0.7);
  });

  it('gives no room to missing parts and leaves an unscored candidate without a bar', () => {
    const rows = standingRows(
      results([score(0, [null, 3]), score(1, [null, null], { weighted: null, rank: null, agreement: null, n: 0 })]),
    );
    expect(rows[0].segments.map((s) => s.criterion)).toEqual([1]);
    expect(rows[1]).toMatchObject({ weighted: null, rank: null, segments: [], end: 0 });
  });
});
