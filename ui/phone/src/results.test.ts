import { describe, expect, it } from 'vitest';
import { readTally } from './results';
import type { Question } from './types';

const q = (kind: Question['kind'], extra: Partial<Question> = {}): Question => ({
  id: 'q',
  kind,
  prompt: '?',
  options: [
    { id: 'a', label: 'Agua' },
    { id: 'b', label: 'Basura' },
  ],
  state: 'open',
  ...extra,
});

/** A row of the core's `Tally::Options`, as serde writes it. */
const row = (option: string, label: string, more: Record<string, unknown>) => ({
  option, label, count: 0, mean: null, borda: null, impact: null, feasibility: null, ...more,
});

describe('readTally', () => {
  it('reads the scale tally: counts from the minimum, the mean, the ballots', () => {
    const results = { kind: 'scale', scale: { min: 1, max: 5 }, counts: [1, 2, 1, 0, 2], hand_counts: [0, 0, 0, 0, 0], n: 6, mean: 3, median: 2.5, std_dev: 1.5 };
    const t = readTally(q('scale', { options: [], scale: { min: 1, max: 5 } }), results);
    expect(t?.rows.map((r) => [r.label, r.value])).toEqual([['1', 1], ['2', 2], ['3', 1], ['4', 0], ['5', 2]]);
    expect([t?.mean, t?.n]).toEqual([3, 6]);
  });

  it('reads ballots per option, and points or dots given', () => {
    const results = { kind: 'options', question_kind: 'points', n: 2, options: [row('a', 'Agua', { count: 130 }), row('b', 'Basura', { count: 70 })] };
    expect(readTally(q('points'), results)?.rows).toEqual([
      { label: 'Agua', value: 130, borda: 0 },
      { label: 'Basura', value: 70, borda: 0 },
    ]);
  });

  it('puts a ranking in the room order, with each mean position', () => {
    const results = { kind: 'options', n: 3, options: [row('a', 'Agua', { borda: 1, mean: 1.67 }), row('b', 'Basura', { borda: 2, mean: 1.33 })] };
    expect(readTally(q('ranking'), results)?.rows.map((r) => [r.label, r.value])).toEqual([['Basura', 1.33], ['Agua', 1.67]]);
  });

  it('reads the mean impact and feasibility of the placed grid items', () => {
    const results = { kind: 'options', n: 2, options: [row('a', 'Agua', { impact: 0.75, feasibility: 0.5, count: 2 }), row('b', 'Basura', {})] };
    expect(readTally(q('grid'), results)?.rows).toEqual([{ label: 'Agua', value: 0.75, feasibility: 0.5, borda: 0 }]);
  });

  it('reads the standing of a scoring, best first, with ties and agreement', () => {
    const scores = { kind: 'scores', n: 4, criteria: [], options: [], by_channel: { phone: 4, paper: 0, hands: 0 } };
    const standing = {
      candidates: [{ id: 'a', label: 'Agua' }, { id: 'b', label: 'Basura' }, { id: 'c', label: 'Caminos' }],
      criteria: [{ id: 'g', label: 'Brecha' }],
      weights: [1],
      scorers: 4,
      ranking: {
        candidates: [
          { candidate: 1, n: 4, weighted: 4.25, rank: 1, tied: true, agreement: 'high', criteria: [] },
          { candidate: 0, n: 4, weighted: 4.25, rank: 1, tied: true, agreement: 'low', criteria: [] },
          { candidate: 2, n: 0, weighted: null, rank: null, tied: false, agreement: null, criteria: [] },
        ],
        sensitivity: {},
      },
    };
    const t = readTally(q('scores'), scores, standing);
    expect(t?.shape).toBe('standing');
    expect(t?.max).toBe(5);
    expect(t?.rows).toEqual([
      { label: 'Basura', value: 4.25, rank: 1, tied: true, agreement: 'high' },
      { label: 'Agua', value: 4.25, rank: 1, tied: true, agreement: 'low' },
    ]);
  });

  it('without the standing, reads each candidate\'s mean over the criteria', () => {
    const scores = {
      kind: 'scores', n: 2, by_channel: { phone: 2, paper: 0, hands: 0 },
      criteria: [{ id: 'g', label: 'Brecha' }, { id: 'u', label: 'Urgencia' }],
      options: [{ option: 'a', label: 'Agua', n: 2, means: [4, 3] }, { option: 'b', label: 'Basura', n: 0, means: [null, null] }],
    };
    const t = readTally(q('scores'), scores);
    expect(t?.shape).toBe('means');
    expect(t?.rows).toEqual([{ label: 'Agua', value: 3.5, parts: [{ label: 'Brecha', value: 4 }, { label: 'Urgencia', value: 3 }] }]);
  });

  it('reads the ideas, the most shared first', () => {
    const ideas = { kind: 'ideas', n: 3, by_channel: { phone: 3, paper: 0, hands: 0 }, ideas: [{ text: 'Pocas escuelas', count: 1 }, { text: 'Caminos malos', count: 3 }] };
    const t = readTally(q('ideas', { options: [] }), ideas);
    expect(t?.shape).toBe('ideas');
    expect(t?.rows).toEqual([{ label: 'Caminos malos', value: 3 }, { label: 'Pocas escuelas', value: 1 }]);
  });

  it('shows nothing for a shape it does not know', () => {
    expect(readTally(q('dots'), { kind: 'brand_new' })).toBeNull();
    expect(readTally(q('scale'), null)).toBeNull();
  });
});
