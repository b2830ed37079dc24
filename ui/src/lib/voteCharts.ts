// How a question's tally is drawn and tabulated, per kind: bars per scale value,
// bars per option (in the question's order, as phones show them), a ranking in
// Borda order, the impact × feasibility grid, the mean scores per criterion, the
// ideas most shared first, and the prioritization's weighted standing. The
// numbers are always written.
import type { BarRow } from './charts';
import { formatNumber, formatPercent } from './format';
import type {
  Agreement,
  IdeaCount,
  Language,
  OptionTally,
  PrioritizationResults,
  QuestionKind,
  ScaleTally,
  ScoredOption,
  Tally,
} from './types';

const share = (count: number, total: number) => (total > 0 ? count / total : 0);

export interface ScaleRow {
  value: number;
  count: number;
  share: number;
}

/** One row per value of the scale, lowest first; missing counts are 0. */
export function scaleRows(tally: ScaleTally): ScaleRow[] {
  const rows: ScaleRow[] = [];
  const total = tally.counts.reduce((a, b) => a + b, 0);
  for (let v = tally.scale.min; v <= tally.scale.max && rows.length < 100; v++) {
    const count = tally.counts[v - tally.scale.min] ?? 0;
    rows.push({ value: v, count, share: share(count, total) });
  }
  return rows;
}

export function scaleBars(tally: ScaleTally, language: Language): BarRow[] {
  return scaleRows(tally).map((r) => ({
    key: String(r.value),
    label: String(r.value),
    value: r.count,
    text: r.count > 0 ? `${r.count} · ${formatPercent(r.share, language)}` : '0',
  }));
}

export interface OptionRow extends OptionTally {
  /** choices: of the ballots; points/dots: of everything given. */
  share: number;
}

/** Options in the question's order with their share. */
export function optionRows(kind: QuestionKind, options: OptionTally[], n: number): OptionRow[] {
  const given = options.reduce((a, o) => a + o.count, 0);
  const total = kind === 'points' || kind === 'dots' ? given : n;
  return options.map((o) => ({ ...o, share: share(o.count, total) }));
}

export function optionBars(kind: QuestionKind, options: OptionTally[], n: number, language: Language): BarRow[] {
  return optionRows(kind, options, n).map((o) => ({
    key: o.option,
    label: o.label,
    value: o.count,
    text: o.count > 0 ? `${formatNumber(o.count, language)} · ${formatPercent(o.share, language)}` : '0',
  }));
}

export interface RankingRow extends OptionTally {
  place: number;
}

/**
 * A ranking in the room's order: the highest Borda score first; ties go to the
 * better mean position, then to more first places, then to the question's order.
 * Tied options share a place.
 */
export function rankingRows(options: OptionTally[]): RankingRow[] {
  const key = (o: OptionTally) => [-(o.borda ?? -Infinity), o.mean ?? Infinity, -o.count];
  const sorted = options
    .map((o, i) => ({ o, i }))
    .sort((a, b) => {
      const ka = key(a.o);
      const kb = key(b.o);
      for (let j = 0; j < ka.length; j++) if (ka[j] !== kb[j]) return ka[j] - kb[j];
      return a.i - b.i;
    })
    .map(({ o }) => o);
  const rows: RankingRow[] = [];
  for (const [i, o] of sorted.entries()) {
    const prev = rows[i - 1];
    const tied = prev && prev.borda === o.borda && prev.mean === o.mean && prev.count === o.count;
    rows.push({ ...o, place: tied ? prev.place : i + 1 });
  }
  return rows;
}

export function rankingBars(options: OptionTally[], language: Language): BarRow[] {
  return rankingRows(options).map((o) => ({
    key: o.option,
    label: `${o.place}. ${o.label}`,
    value: o.borda,
    text: o.borda === null ? '—' : formatNumber(o.borda, language),
  }));
}

export type Quadrant = 'do_first' | 'plan' | 'quick_win' | 'set_aside';

/** Where a point falls among the grid's four squares (the lines are at 0.5). */
export function quadrant(impact: number, feasibility: number): Quadrant {
  const high = impact >= 0.5;
  const easy = feasibility >= 0.5;
  if (high) return easy ? 'do_first' : 'plan';
  return easy ? 'quick_win' : 'set_aside';
}

export interface GridPoint {
  key: string;
  /** 1, 2, 3…: the mark drawn on the chart and written in the table. */
  mark: number;
  label: string;
  impact: number;
  feasibility: number;
  count: number;
  quadrant: Quadrant;
}

/** The options someone placed, numbered in the question's order; values clamped to 0..1. */
export function gridPoints(options: OptionTally[]): GridPoint[] {
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const points: GridPoint[] = [];
  for (const o of options) {
    if (o.impact === null || o.feasibility === null) continue;
    const impact = clamp(o.impact);
    const feasibility = clamp(o.feasibility);
    points.push({
      key: o.option,
      mark: points.length + 1,
      label: o.label,
      impact,
      feasibility,
      count: o.count,
      quadrant: quadrant(impact, feasibility),
    });
  }
  return points;
}

/** Where a grid point sits in a square plot of `size` px: feasibility to the right, impact up. */
export function gridPosition(p: { impact: number; feasibility: number }, size: number, pad: number) {
  const span = size - 2 * pad;
  return { x: pad + p.feasibility * span, y: pad + (1 - p.impact) * span };
}

/** How many ballots a tally counted. */
export const ballotsOf = (tally: Tally | null) => tally?.n ?? 0;

/** Scores are given from 1 (low) to 5 (high); bars run from 0 to this. */
export const TOP_SCORE = 5;

/** The mean of the known values; null when there is none. */
export function meanOf(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
}

export interface ScoreRow extends ScoredOption {
  /** The mean over the criteria scored: a plain summary, not the weighted score. */
  mean: number | null;
}

/** Options in the question's order, each with its mean over the criteria. */
export function scoreRows(options: ScoredOption[]): ScoreRow[] {
  return options.map((o) => ({ ...o, mean: meanOf(o.means) }));
}

export interface IdeaRow extends IdeaCount {
  /** 1, 2, 3…: ideas sent as often share a place. */
  place: number;
  /** Of the most shared idea's count, for the length of its bar. */
  share: number;
}

/** The most shared ideas first, the first sent first among equals; equal counts share a place. */
export function ideaRows(ideas: IdeaCount[]): IdeaRow[] {
  const sorted = ideas.map((idea, i) => ({ idea, i })).sort((a, b) => b.idea.count - a.idea.count || a.i - b.i);
  const top = Math.max(1, ...ideas.map((i) => i.count));
  const rows: IdeaRow[] = [];
  for (const [k, { idea }] of sorted.entries()) {
    const prev = rows[k - 1];
    rows.push({ ...idea, place: prev && prev.count === idea.count ? prev.place : k + 1, share: idea.count / top });
  }
  return rows;
}

/** One criterion's part of a standing bar, as fractions of the 0…5 axis. */
export interface Segment {
  criterion: number;
  x: number;
  width: number;
  value: number;
}

export interface StandingRow {
  key: string;
  label: string;
  rank: number | null;
  tied: boolean;
  agreement: Agreement | null;
  weighted: number | null;
  median: number | null;
  spread: number | null;
  n: number;
  segments: Segment[];
  /** Where the bar ends, as a fraction of the axis. */
  end: number;
}

/**
 * The prioritization's weighted ranking as the wall shows it: best first (the
 * core's order), each bar stacked left to right by what each criterion gives
 * (weight × mean score). Nothing non-positive takes room; the bar never passes 5.
 */
export function standingRows(results: PrioritizationResults): StandingRow[] {
  return results.ranking.candidates.map((c) => {
    const segments: Segment[] = [];
    let at = 0;
    c.criteria.forEach((score, criterion) => {
      const value = score.contribution;
      if (value === null || !Number.isFinite(value) || value <= 0) return;
      const width = Math.min(value / TOP_SCORE, 1 - at);
      if (width <= 0) return;
      segments.push({ criterion, x: at, width, value });
      at += width;
    });
    const who = results.candidates[c.candidate];
    return {
      key: who?.id ?? String(c.candidate),
      label: who?.label ?? '',
      rank: c.rank,
      tied: c.tied,
      agreement: c.agreement,
      weighted: c.weighted,
      median: c.median,
      spread: c.spread,
      n: c.n,
      segments,
      end: at,
    };
  });
}
