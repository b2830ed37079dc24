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

  it('shows nothing for a shape it does not know', () => {
    expect(readTally(q('dots'), { kind: 'brand_new' })).toBeNull();
    expect(readTally(q('scale'), null)).toBeNull();
  });
});
