// The pure part of the prioritization tab (stage 2): reading a goal or target
// code, the 100 points, Saaty's pairwise scale, the sensitivity sentence and the
// geometry of the stacked breakdown chart. The components wire these to the DOM
// and to api.ts; the core (crates/core/src/prioritization.rs) decides the rest.
import { dateRange, formatNumber } from './format';
import type { Board, Language, Localized, Pair, Scenario, SubjectKind, WeightMethod } from './types';

/**
 * How a section changes the board: it runs one command that answers with the
 * whole board recomputed. Rejects with the core's error, for the section to show.
 */
export type BoardEdit = (action: () => Promise<Board>) => Promise<void>;

export const WEIGHT_METHODS: WeightMethod[] = ['equal', 'points', 'voted', 'pairwise'];

/** The scores phones and the group give: 1 (low) to 5 (high). */
export const SCORES = [1, 2, 3, 4, 5];
export const MAX_SCORE = 5;

/** A translator: `t` of i18n.svelte.ts, or a stand-in in tests. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

// ---- Candidates ----

/**
 * A goal or target as typed: "4" is MDG 4, "4.A" (or "4.a", " 4.A ") target 4.A.
 * Null when it has neither shape; whether the code exists is the core's to say.
 */
export function subjectFromCode(text: string): { kind: SubjectKind; code: string } | null {
  const code = text.trim().toUpperCase();
  if (/^\d{1,2}$/.test(code)) return { kind: 'goal', code: String(Number(code)) };
  const target = /^(\d{1,2})\s*\.\s*([A-Z])$/.exec(code);
  if (target) return { kind: 'target', code: `${Number(target[1])}.${target[2]}` };
  return null;
}

/** A catalogue title in `language`, else in Spanish (the catalogue is complete in Spanish). */
export const titleIn = (title: Localized, language: Language) => title[language] || title.es;

/** "Meta 4.A: Reducir…", as the core labels candidates (`subject_label`). */
export function subjectLabel(
  kind: SubjectKind,
  code: string,
  title: Localized,
  language: Language,
  translate: (language: Language, key: string, params: Record<string, string>) => string,
): string {
  const name = translate(language, `prioritization.subject_${kind}`, { code });
  return `${name}: ${titleIn(title, language)}`;
}

// ---- Points ----

export const POINTS_TOTAL = 100;

/** Points as typed: empty is 0; null when it is not a whole number of 0 or more. */
export function parsePoints(text: string): number | null {
  const t = text.trim();
  if (t === '') return 0;
  if (!/^\d{1,4}$/.test(t)) return null;
  return Number(t);
}

export interface PointsSummary {
  values: (number | null)[];
  /** The sum of the readable values. */
  sum: number;
  /** Every box holds a whole number. */
  valid: boolean;
  hundred: boolean;
}

export function pointsSummary(texts: string[]): PointsSummary {
  const values = texts.map(parsePoints);
  const sum = values.reduce<number>((a, v) => a + (v ?? 0), 0);
  const valid = values.every((v) => v !== null);
  return { values, sum, valid, hundred: valid && sum === POINTS_TOTAL };
}

// ---- Pairwise comparisons (Saaty's scale) ----

/** What the pairwise selects offer, from "row much more important" to "much less". */
export const PAIR_SCALE = ['9', '7', '5', '3', '1', '1/3', '1/5', '1/7', '1/9'];

/** "9" → 9, "1/3" → 0.333…; null off Saaty's scale (1…9 and 1/2…1/9). */
export function parsePairValue(text: string): number | null {
  const t = text.replace(/\s+/g, '');
  const whole = /^([1-9])$/.exec(t);
  if (whole) return Number(whole[1]);
  const fraction = /^1\/([1-9])$/.exec(t);
  if (fraction) return 1 / Number(fraction[1]);
  return null;
}

/** A judgement as the selects write it: 3 → "3", 0.2 → "1/5". */
export function pairText(value: number): string {
  if (!Number.isFinite(value) || value <= 0) return '1';
  return value >= 1 ? String(Math.round(value)) : `1/${Math.round(1 / value)}`;
}

/**
 * The locale key that says a judgement in words ("much more important"), or null
 * for the in-between values (2, 4, 6, 8) that only the number says.
 */
export function pairWordKey(text: string): string | null {
  const v = parsePairValue(text);
  if (v === null) return null;
  if (v === 1) return 'prioritization.pair.equal';
  const n = v > 1 ? v : Math.round(1 / v);
  if (n % 2 === 0) return null;
  return `prioritization.pair.${v > 1 ? 'more' : 'less'}_${n}`;
}

/** The options of one select: the scale, plus the stored value when it is off it. */
export function pairOptions(current: string): string[] {
  if (PAIR_SCALE.includes(current)) return PAIR_SCALE;
  const v = parsePairValue(current);
  if (v === null) return PAIR_SCALE;
  const at = PAIR_SCALE.findIndex((s) => (parsePairValue(s) ?? 0) < v);
  const out = [...PAIR_SCALE];
  out.splice(at < 0 ? out.length : at, 0, current);
  return out;
}

/**
 * How much more `first` matters than `second`, whichever way round the core
 * stored the pair; 1 (equal) when it was never judged.
 */
export function pairValue(pairs: Pair[], first: string, second: string): number {
  for (const p of pairs) {
    if (p.first === first && p.second === second) return p.value;
    if (p.first === second && p.second === first) return p.value > 0 ? 1 / p.value : 1;
  }
  return 1;
}

/** Saaty's limit: above it the judgements contradict each other. */
export const CONSISTENCY_LIMIT = 0.1;

// ---- Numbers ----

/** A score with exactly `digits` decimals in the UI language ("3,50"); "—" for none. */
export function fixed(value: number | null | undefined, language: Language, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  // The decimal mark comes from format.ts, so every screen writes numbers alike.
  const mark = formatNumber(0.5, language).replace(/\d/g, '');
  const rounded = Number(value.toFixed(digits));
  const text = Math.abs(rounded).toFixed(digits).replace('.', mark);
  return rounded < 0 ? `−${text}` : text;
}

/** When a decision was recorded, in the facilitator's clock: "14 de abril de 2026, 15:05". */
export function recordedWhen(iso: string, language: Language): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  return `${dateRange(day, day, language)}, ${two(d.getHours())}:${two(d.getMinutes())}`;
}

// ---- Group scores ----

/** A 1–5 score as chosen in a select; null when left empty. */
export function parseScore(text: string): number | null {
  const t = text.trim();
  return /^[1-5]$/.test(t) ? Number(t) : null;
}

/** The scores of one candidate when every criterion has one, else null. */
export function completeScores(texts: string[]): number[] | null {
  const values = texts.map(parseScore);
  return values.length > 0 && values.every((v) => v !== null) ? (values as number[]) : null;
}

// ---- Sensitivity ----

const equalWeights = (weights: number[]) =>
  weights.length > 0 && weights.every((w) => Math.abs(w - weights[0]) < 1e-9);

/** The names of a first place: one, or several marked as tied. */
function firstPlace(first: number[], candidates: string[], t: Translate, list: (items: string[]) => string) {
  const names = first.map((i) => candidates[i] ?? '?');
  return names.length > 1 ? t('prioritization.sensitivity.tie', { names: list(names) }) : names[0];
}

/**
 * "With equal weights the first place would be X (or stays the same); without the
 * heaviest criterion (name) …". The equal-weights clause is left out when the
 * weights already are equal; empty when nothing has been scored.
 */
export function sensitivitySentence(
  sensitivity: { equal_weights: Scenario | null; without_heaviest: Scenario | null },
  candidates: string[],
  criteria: string[],
  weights: number[],
  t: Translate,
  list: (items: string[]) => string,
): string {
  const parts: string[] = [];
  const eq = sensitivity.equal_weights;
  if (eq && eq.first.length > 0 && !equalWeights(weights)) {
    parts.push(
      eq.changes
        ? t('prioritization.sensitivity.equal_changes', { first: firstPlace(eq.first, candidates, t, list) })
        : t('prioritization.sensitivity.equal_same'),
    );
  }
  const wo = sensitivity.without_heaviest;
  if (wo && wo.first.length > 0 && wo.dropped !== null) {
    const criterion = criteria[wo.dropped] ?? '?';
    parts.push(
      wo.changes
        ? t('prioritization.sensitivity.without_changes', {
            criterion,
            first: firstPlace(wo.first, candidates, t, list),
          })
        : t('prioritization.sensitivity.without_same', { criterion }),
    );
  }
  return parts.join(' ');
}

// ---- Charts ----

/** One criterion's share of a stacked bar, as fractions of the plot width. */
export interface Segment {
  criterion: number;
  x: number;
  width: number;
  value: number;
}

export interface StackedBar {
  segments: Segment[];
  /** Where the bar ends (fraction of the plot), and the sum it stands for. */
  end: number;
  total: number | null;
}

/**
 * Horizontal stacked bars on a 0…`max` axis: per candidate, one segment per
 * criterion's contribution (weight × mean score), left to right in criterion
 * order. Missing or non-positive contributions take no room.
 */
export function stackedBars(rows: (number | null)[][], max = MAX_SCORE): StackedBar[] {
  const span = max > 0 ? max : 1;
  return rows.map((contributions) => {
    const segments: Segment[] = [];
    let at = 0;
    let total: number | null = null;
    contributions.forEach((c, criterion) => {
      if (c === null || !Number.isFinite(c)) return;
      total = (total ?? 0) + c;
      if (c <= 0) return;
      const width = Math.min(c / span, 1 - at);
      if (width <= 0) return;
      segments.push({ criterion, x: at, width, value: c });
      at += width;
    });
    return { segments, end: at, total };
  });
}

/**
 * A criterion's colour in the charts: the Okabe–Ito palette (told apart with
 * colour-blindness), with the ink that reads on it. Colours repeat after eight;
 * the criterion's number is written on it too, so colour is never alone.
 */
const PALETTE: { fill: string; ink: string }[] = [
  { fill: '#0072b2', ink: '#ffffff' },
  { fill: '#e69f00', ink: '#000000' },
  { fill: '#009e73', ink: '#000000' },
  { fill: '#cc79a7', ink: '#000000' },
  { fill: '#56b4e9', ink: '#000000' },
  { fill: '#d55e00', ink: '#000000' },
  { fill: '#f0e442', ink: '#000000' },
  { fill: '#4d4d4d', ink: '#ffffff' },
];

export const criterionColour = (index: number) => PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length];

/** Width of a weight's bar, in percent of the whole track (weights are shares of 1). */
export const weightWidth = (share: number) => Math.max(0, Math.min(100, share * 100));

/**
 * A chart label cut at spaces into at most `lines` lines of about `width`
 * characters; when it does not fit, the last line ends in "…".
 */
export function wrapLabel(label: string, width: number, lines = 2): string[] {
  const words = label.trim().split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width || !line) {
      line = next;
    } else {
      out.push(line);
      line = word;
    }
  }
  if (line) out.push(line);
  const kept = out.slice(0, lines);
  if (out.length > lines) kept[lines - 1] = `${kept[lines - 1]}…`;
  return kept.map((text) => (text.length > width ? `${text.slice(0, width - 1).trimEnd()}…` : text));
}
