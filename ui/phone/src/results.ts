// Reads the revealed tally (`results`, the core's `Tally` in crates/core/src/voting/
// tally.rs) into rows to draw: `{kind: "scale", counts, n, mean, …}` with counts
// per value from the scale's minimum, or `{kind: "options", options: [{option,
// label, count, mean, borda, impact, feasibility}], n}`. Anything else shows nothing
// rather than something wrong.
import { scaleOf } from './answers';
import type { Question } from './types';

export interface Row {
  /** An option's label, or the scale value as text. */
  label: string;
  /** Ballots, or points and dots given; a ranking's mean position; a grid's mean impact. */
  value: number;
  /** The grid's mean feasibility. */
  feasibility?: number;
}

export interface Tally {
  rows: Row[];
  n: number;
  /** The scale's mean, when there were ballots. */
  mean?: number;
}

type Loose = Record<string, unknown>;
const isObject = (x: unknown): x is Loose => typeof x === 'object' && x !== null;
const num = (x: unknown) => (typeof x === 'number' && isFinite(x) ? x : undefined);

export function readTally(q: Question, results: unknown): Tally | null {
  if (!isObject(results)) return null;
  const n = num(results.n) ?? 0;
  if (results.kind === 'scale' && Array.isArray(results.counts)) {
    const { min, max } = scaleOf(q);
    const counts = results.counts;
    const rows: Row[] = [];
    for (let v = min; v <= max; v++) rows.push({ label: String(v), value: num(counts[v - min]) ?? 0 });
    return { rows, n, mean: num(results.mean) };
  }
  if (results.kind !== 'options' || !Array.isArray(results.options)) return null;
  const rows: (Row & { borda: number })[] = [];
  for (const o of results.options as unknown[]) {
    if (!isObject(o) || typeof o.label !== 'string') continue;
    const row = { label: o.label, value: num(o.count) ?? 0, borda: num(o.borda) ?? 0 };
    if (q.kind === 'ranking') row.value = num(o.mean) ?? 0;
    if (q.kind !== 'grid') rows.push(row);
    else if (num(o.impact) !== undefined) {
      rows.push({ label: o.label, value: o.impact as number, feasibility: num(o.feasibility) ?? 0, borda: 0 });
    }
  }
  // A ranking is shown in the room's order: the highest Borda score first.
  if (q.kind === 'ranking') rows.sort((a, b) => b.borda - a.borda);
  return { rows, n };
}
