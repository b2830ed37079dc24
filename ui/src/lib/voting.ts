// The pure part of the voting screens: which address to offer first, which
// question comes next, and the answers and hands the facilitator types in, read
// into the shapes the commands take (api.ts, docs/lan-api.yaml `BallotInput`).
import { parseHands } from './dialogue';
import type { NetworkAddress, Question, QuestionInput, QuestionKind } from './types';

/** The kinds the Voting tab creates; scores questions are made by the Prioritization tab, which knows the criteria. */
export const QUESTION_KINDS: QuestionKind[] = ['scale', 'single', 'multiple', 'points', 'dots', 'ranking', 'grid', 'ideas'];

/** Kinds asked without options: a scale's values, or the room's own ideas. */
export const hasOptions = (kind: QuestionKind) => kind !== 'scale' && kind !== 'ideas';

/** Ideas: the most one ballot carries and the longest one (characters), as the core checks them. */
export const MAX_IDEAS = 5;
export const MAX_IDEA_CHARS = 140;

/** Kinds whose show of hands can be counted (one number per value or option). */
export const HAND_KINDS: QuestionKind[] = ['scale', 'single', 'multiple'];

export const DEFAULT_PORT = 8080;
export const DEFAULT_SCALE = { min: 1, max: 5 };

export function isLoopback(ip: string): boolean {
  return ip.startsWith('127.') || ip === '::1' || ip === 'localhost';
}

/** The address offered first: the first one phones can reach, else whatever there is. */
export function preselectAddress(addresses: NetworkAddress[]): string {
  return (addresses.find((a) => !isLoopback(a.ip)) ?? addresses[0])?.ip ?? '';
}

/** A port as typed: empty is the default; 0 lets the system choose; null when it is not a port. */
export function parsePort(text: string): number | null {
  const t = text.trim();
  if (t === '') return DEFAULT_PORT;
  if (!/^\d{1,5}$/.test(t)) return null;
  const n = Number(t);
  return n <= 65535 ? n : null;
}

/**
 * The draft question that `N` opens: the first draft after `currentId` in the
 * list's order; with no current question (or one no longer listed), the first
 * draft. Drafts before the current one are left for the facilitator to choose.
 */
export function nextDraftQuestion<Q extends Pick<Question, 'id' | 'state'>>(
  questions: Q[],
  currentId: string | null,
): Q | null {
  const at = currentId === null ? -1 : questions.findIndex((q) => q.id === currentId);
  return questions.slice(at + 1).find((q) => q.state === 'draft') ?? null;
}

/** The values of a scale question, lowest first. */
export function scaleValues(scale: { min: number; max: number } | null): number[] {
  const { min, max } = scale ?? DEFAULT_SCALE;
  const out: number[] = [];
  for (let v = min; v <= max && out.length < 100; v++) out.push(v);
  return out;
}

/** What a show of hands can be counted for: scale values (as text) or option ids. */
export function handChoices(q: Pick<Question, 'kind' | 'scale' | 'options'>): { key: string; label: string }[] {
  if (q.kind === 'scale') return scaleValues(q.scale).map((v) => ({ key: String(v), label: String(v) }));
  if (q.kind === 'single' || q.kind === 'multiple') return q.options.map((o) => ({ key: o.id, label: o.label }));
  return [];
}

/** The pairs `setQuestionHands` takes, or null when a box does not hold a whole number ≥ 0. */
export function handsPairs(choices: { key: string }[], typed: string[]): [string, number][] | null {
  const pairs: [string, number][] = [];
  for (const [i, c] of choices.entries()) {
    const n = parseHands(typed[i] ?? '');
    if (n === null) return null;
    pairs.push([c.key, n]);
  }
  return pairs;
}

/** What the paper-ballot form holds: a scale value, a chosen option, or JSON for the other kinds. */
export interface PaperEntry {
  value: number | null;
  option: string;
  json: string;
}

export type PaperError =
  | 'pick_value'
  | 'pick_option'
  | 'bad_json'
  | 'scores_empty'
  | 'scores_row'
  | 'scores_value'
  | 'ideas_empty';

/** A paper answer read, or why not (`option`: the label of the row at fault). */
export type Built = { ok: true; answer: unknown } | { ok: false; error: PaperError; option?: string };

/** A paper ballot's answer in the shape phones send (lan-api.yaml `BallotInput.answer`). */
export function buildPaperAnswer(kind: QuestionKind, entry: PaperEntry): Built {
  if (kind === 'scale') {
    return entry.value === null ? { ok: false, error: 'pick_value' } : { ok: true, answer: { value: entry.value } };
  }
  if (kind === 'single') {
    return entry.option ? { ok: true, answer: { option: entry.option } } : { ok: false, error: 'pick_option' };
  }
  try {
    const answer: unknown = JSON.parse(entry.json);
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return { ok: false, error: 'bad_json' };
    return { ok: true, answer };
  } catch {
    return { ok: false, error: 'bad_json' };
  }
}

/**
 * A scores ballot typed as a table (a row per option, a box per criterion) in the
 * shape phones send. A row left empty is an option the person did not score; a
 * row begun must be finished, each box a whole 1–5.
 */
export function buildScoresAnswer(q: Pick<Question, 'options' | 'criteria'>, typed: string[][]): Built {
  const scores: Record<string, Record<string, number>> = {};
  for (const [i, o] of q.options.entries()) {
    const cells = q.criteria.map((_, j) => (typed[i]?.[j] ?? '').trim());
    if (cells.every((c) => c === '')) continue;
    if (cells.some((c) => c === '')) return { ok: false, error: 'scores_row', option: o.label };
    if (!cells.every((c) => /^[1-5]$/.test(c))) return { ok: false, error: 'scores_value', option: o.label };
    scores[o.id] = Object.fromEntries(q.criteria.map((c, j) => [c.id, Number(cells[j])]));
  }
  return Object.keys(scores).length ? { ok: true, answer: { scores } } : { ok: false, error: 'scores_empty' };
}

/** The ideas copied from a paper ballot: empty boxes left out, spaces squeezed as the core does. */
export function buildIdeasAnswer(typed: string[]): Built {
  const ideas = typed.map((s) => s.split(/\s+/).filter(Boolean).join(' ')).filter((s) => s !== '');
  return ideas.length ? { ok: true, answer: { ideas } } : { ok: false, error: 'ideas_empty' };
}

/** An example of the JSON a kind takes, with the question's own option ids. */
export function answerExample(q: Pick<Question, 'kind' | 'options' | 'budget'>): string {
  const ids = q.options.map((o) => o.id);
  const [a = 'a', b = 'b'] = ids;
  switch (q.kind) {
    case 'multiple':
      return JSON.stringify({ options: [a, b] });
    case 'points': {
      const total = q.budget ?? 100;
      return JSON.stringify({ points: { [a]: total - Math.floor(total / 2), [b]: Math.floor(total / 2) } });
    }
    case 'dots':
      return JSON.stringify({ dots: { [a]: Math.max(1, (q.budget ?? 3) - 1), [b]: 1 } });
    case 'ranking':
      return JSON.stringify({ order: ids.length ? ids : [a, b] });
    case 'grid':
      return JSON.stringify({ placements: { [a]: { impact: 0.8, feasibility: 0.3 } } });
    default:
      return '';
  }
}

/** The new-question form as typed. */
export interface QuestionForm {
  kind: QuestionKind;
  prompt: string;
  options: string;
  min: string;
  max: string;
  budget: string;
  requiresCode: boolean;
}

export const emptyQuestionForm = (): QuestionForm => ({
  kind: 'scale',
  prompt: '',
  options: '',
  min: String(DEFAULT_SCALE.min),
  max: String(DEFAULT_SCALE.max),
  budget: '',
  requiresCode: false,
});

/** The budget a kind offers in the form, with its default; null when it has none. */
export function budgetDefault(kind: QuestionKind): number | null {
  if (kind === 'points') return 100;
  if (kind === 'dots') return 3;
  return null;
}

export const hasBudget = (kind: QuestionKind) => kind === 'points' || kind === 'dots' || kind === 'multiple';

/**
 * The input `createQuestion` takes, or what is wrong with the numbers. Options are
 * the non-empty lines; an empty budget is the kind's default; the core says what
 * else is wrong (an empty prompt, too few options).
 */
export function questionInput(form: QuestionForm): QuestionInput | { error: 'bad_scale' | 'bad_budget' } {
  const whole = (s: string) => (/^-?\d{1,6}$/.test(s.trim()) ? Number(s.trim()) : null);
  let scale: QuestionInput['scale'] = null;
  if (form.kind === 'scale') {
    const min = whole(form.min);
    const max = whole(form.max);
    if (min === null || max === null || min >= max) return { error: 'bad_scale' };
    scale = { min, max };
  }
  let budget: number | null = null;
  if (hasBudget(form.kind) && form.budget.trim() !== '') {
    budget = whole(form.budget);
    if (budget === null || budget < 1) return { error: 'bad_budget' };
  }
  return {
    kind: form.kind,
    prompt: form.prompt.trim(),
    options: !hasOptions(form.kind)
        ? []
        : form.options
            .split('\n')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
    scale,
    budget,
    requires_code: form.requiresCode,
  };
}

/** Calls `tick` every `ms`, never two at once, only while the page is visible; returns the stop. */
export function every(ms: number, tick: () => Promise<unknown>): () => void {
  let busy = false;
  let stopped = false;
  const run = () => {
    if (busy || stopped || (globalThis.document && document.visibilityState === 'hidden')) return;
    busy = true;
    tick()
      .catch(() => {})
      .then(() => (busy = false));
  };
  run();
  const timer = setInterval(run, ms);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
