// Reads the revealed tally (`results`, the core's `Tally` in crates/core/src/voting/
// tally.rs) into rows to draw: `{kind: "scale", counts, n, mean, …}` with counts
// per value from the scale's minimum; `{kind: "options", options: [{option, label,
// count, mean, borda, impact, feasibility}], n}`; `{kind: "scores", options:
// [{option, label, n, means}], criteria, n}`; `{kind: "ideas", ideas: [{text,
// count}], n}`. With scores, the prioritization's `standing` (crates/core/src/
// prioritization.rs `Results`) is read instead when the state carries it: it knows
// the weights. Anything else shows nothing rather than something wrong.
import { scaleOf } from './answers';
import type { Question } from './types';

export interface Row {
  /** An option's label, the scale value as text, or an idea. */
  label: string;
  /**
   * Ballots, or points and dots given; a ranking's mean position; a grid's mean
   * impact; a weighted score or a mean score (1–5); the people who sent an idea.
   */
  value: number;
  /** The grid's mean feasibility. */
  feasibility?: number;
  /** Standing: the place (tied candidates share it), the tie, and how much the room agrees. */
  rank?: number;
  tied?: boolean;
  agreement?: string;
  /** Scores without the standing: the mean on each criterion. */
  parts?: { label: string; value: number }[];
}

export interface Tally {
  rows: Row[];
  n: number;
  /** The scale's mean, when there were ballots. */
  mean?: number;
  /** The bars' full length when it is fixed (scores: 5). */
  max?: number;
  /** What the rows are, when not counts of the question's own kind. */
  shape?: 'standing' | 'means' | 'ideas';
}

type Loose = Record<string, unknown>;
const isObject = (x: unknown): x is Loose => typeof x === 'object' && x !== null;
const num = (x: unknown) => (typeof x === 'number' && isFinite(x) ? x : undefined);
const list = (x: unknown): Loose[] => (Array.isArray(x) ? x.filter(isObject) : []);

/** The top of the 1–5 scale scores are given on. */
const TOP_SCORE = 5;

export function readTally(q: Question, results: unknown, standing?: unknown): Tally | null {
  if (!isObject(results)) return null;
  const n = num(results.n) ?? 0;
  if (results.kind === 'scale' && Array.isArray(results.counts)) {
    const { min, max } = scaleOf(q);
    const counts = results.counts;
    const rows: Row[] = [];
    for (let v = min; v <= max; v++) rows.push({ label: String(v), value: num(counts[v - min]) ?? 0 });
    return { rows, n, mean: num(results.mean) };
  }
  if (results.kind === 'scores') return readStanding(standing, n) || readMeans(results, n);
  if (results.kind === 'ideas') {
    const rows: Row[] = [];
    for (const i of list(results.ideas)) if (typeof i.text === 'string') rows.push({ label: i.text, value: num(i.count) ?? 0 });
    // The core sends the most shared first; kept so, whatever the order it came in.
    rows.sort((a, b) => b.value - a.value);
    return { rows, n, shape: 'ideas' };
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

/** The weighted ranking, best first, leaving out the candidates nobody scored. */
function readStanding(standing: unknown, n: number): Tally | null {
  if (!isObject(standing) || !isObject(standing.ranking)) return null;
  const names = list(standing.candidates);
  const rows: Row[] = [];
  for (const c of list(standing.ranking.candidates)) {
    const who = names[num(c.candidate) ?? -1];
    const value = num(c.weighted);
    if (!who || typeof who.label !== 'string' || value === undefined) continue;
    rows.push({
      label: who.label,
      value,
      rank: num(c.rank) ?? rows.length + 1,
      tied: c.tied === true,
      agreement: typeof c.agreement === 'string' ? c.agreement : undefined,
    });
  }
  return { rows, n, max: TOP_SCORE, shape: 'standing' };
}

/** Without the weights: each candidate's mean over the criteria, with the mean on each. */
function readMeans(results: Loose, n: number): Tally {
  const criteria = list(results.criteria);
  const rows: Row[] = [];
  for (const o of list(results.options)) {
    if (typeof o.label !== 'string' || !Array.isArray(o.means)) continue;
    const parts: { label: string; value: number }[] = [];
    o.means.forEach((m: unknown, j: number) => {
      const value = num(m);
      const c = criteria[j];
      if (value !== undefined && c && typeof c.label === 'string') parts.push({ label: c.label, value });
    });
    if (parts.length === 0) continue;
    const mean = parts.reduce((a, p) => a + p.value, 0) / parts.length;
    rows.push({ label: o.label, value: mean, parts });
  }
  return { rows, n, max: TOP_SCORE, shape: 'means' };
}
