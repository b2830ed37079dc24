// The answer object of each question kind, as docs/lan-api.yaml spells it, and the
// rules the server checks (422 `invalid_answer`), checked here first so the Send
// button can say what is missing instead of letting the laptop refuse it.
import type { Answer, Placement, Question } from './types';

/** Why an answer cannot be sent yet; each has a text under `phone.invalid`. */
export type Problem = 'missing' | 'too_many' | 'points_sum' | 'grid_missing' | 'scores_missing' | 'ideas_missing' | 'invalid';

/** The grid's five steps, low to high, and the value each one sends. */
export const GRID_STEPS = [0, 0.25, 0.5, 0.75, 1];

/** Scores: each criterion from 1 (low) to 5 (high), as the core checks them. */
export const SCORE_VALUES = [1, 2, 3, 4, 5];

/** Ideas: the most one ballot carries and the longest one (characters), as the core checks them. */
export const MAX_IDEAS = 5;
export const MAX_IDEA_CHARS = 140;

/** The core's default scale when a scale question carries none. */
const DEFAULT_SCALE = { min: 1, max: 5 };

/** The contract: "points: the total to distribute (100)"; the core gives 3 dots. */
const DEFAULT_POINTS = 100;
const DEFAULT_DOTS = 3;

export function scaleOf(q: Question): { min: number; max: number } {
  return q.scale ?? DEFAULT_SCALE;
}

/**
 * The budget of a question: the points to share, the dots each person has, or the
 * most options one may choose. Without one, as the core reads it: 100 points, 3
 * dots, and no limit on a multiple choice.
 */
export function budgetOf(q: Question): number {
  if (typeof q.budget === 'number') return q.budget;
  if (q.kind === 'points') return DEFAULT_POINTS;
  return q.kind === 'dots' ? DEFAULT_DOTS : q.options.length;
}

/**
 * What a person is choosing, kept for every kind so the editors stay simple. A grid
 * axis may still be unset; `toAnswer` keeps only what the contract sends.
 */
export interface Draft {
  value?: number;
  option?: string;
  options: string[];
  shares: Record<string, number>;
  order: string[];
  grid: Record<string, { impact?: number; feasibility?: number }>;
  /** Scores given so far: option id → criterion id → 1–5. */
  scores: Record<string, Record<string, number>>;
  /** Scores: the candidate on screen (an index into the options). */
  page: number;
  /** Ideas as typed, one per box; empty boxes are not sent. */
  ideas: string[];
}

/** Where a person starts: nothing chosen, no points given, the options as listed. */
export function emptyDraft(q: Question): Draft {
  const shares: Record<string, number> = {};
  for (const o of q.options) shares[o.id] = 0;
  const ideas: string[] = [];
  for (let k = 0; k < MAX_IDEAS; k++) ideas.push('');
  return { options: [], shares, order: q.options.map((o) => o.id), grid: {}, scores: {}, page: 0, ideas };
}

export const criteriaOf = (q: Question) => q.criteria || [];

/** An idea as the core keeps it: spaces squeezed, nothing around it. */
export const cleanIdea = (text: string) => text.split(/\s+/).filter((w) => w !== '').join(' ');

/** The criteria of option `id` still without a score. */
export function unscored(q: Question, d: Draft, id: string): number {
  const given = d.scores[id] || {};
  return criteriaOf(q).filter((c) => given[c.id] === undefined).length;
}

/** How many scores are still to give, and the first candidate (index) missing some, or -1. */
export function missingScores(q: Question, d: Draft): { n: number; first: number } {
  let n = 0;
  let first = -1;
  q.options.forEach((o, i) => {
    const left = unscored(q, d, o.id);
    n += left;
    if (left > 0 && first < 0) first = i;
  });
  return { n, first };
}

/** The answer object the contract expects for `q`'s kind, or null when nothing is chosen. */
export function toAnswer(q: Question, d: Draft): Answer | null {
  switch (q.kind) {
    case 'scale':
      return d.value === undefined ? null : { value: d.value };
    case 'single':
      return d.option === undefined ? null : { option: d.option };
    case 'multiple':
      return { options: d.options.slice() };
    case 'points':
      return { points: copy(d.shares) };
    case 'dots':
      return { dots: copy(d.shares) };
    case 'ranking':
      return { order: d.order.slice() };
    case 'grid': {
      const placements: Record<string, Placement> = {};
      for (const id of Object.keys(d.grid)) {
        const { impact, feasibility } = d.grid[id];
        if (impact !== undefined && feasibility !== undefined) placements[id] = { impact, feasibility };
      }
      return { placements };
    }
    case 'scores': {
      const scores: Record<string, Record<string, number>> = {};
      for (const id of Object.keys(d.scores)) {
        if (Object.keys(d.scores[id]).length > 0) scores[id] = copy(d.scores[id]);
      }
      return { scores };
    }
    case 'ideas':
      return { ideas: d.ideas.map(cleanIdea).filter((i) => i !== '') };
  }
}

/**
 * The draft that shows an answer already sent (to change a vote), or the empty one
 * when `answer` does not fit `q` (it may come from the server in an unexpected shape).
 */
export function fromAnswer(q: Question, answer: unknown): Draft {
  const d = emptyDraft(q);
  // A partly scored ballot still shows what it holds: the rest is for the person to finish.
  const problem = answer && typeof answer === 'object' ? check(q, answer as Answer) : 'invalid';
  if (problem && problem !== 'scores_missing') return d;
  const a = answer as Partial<Record<string, unknown>>;
  if (typeof a.value === 'number') d.value = a.value;
  if (typeof a.option === 'string') d.option = a.option;
  if (Array.isArray(a.options)) d.options = a.options.slice();
  if (Array.isArray(a.order)) d.order = a.order.slice();
  const shares = (a.points ?? a.dots) as Record<string, number> | undefined;
  if (shares) for (const id of Object.keys(shares)) d.shares[id] = shares[id];
  const placements = a.placements as Record<string, Placement> | undefined;
  if (placements) {
    for (const id of Object.keys(placements)) d.grid[id] = Object.assign({}, placements[id]);
  }
  const scores = a.scores as Record<string, Record<string, number>> | undefined;
  if (scores) for (const id of Object.keys(scores)) d.scores[id] = copy(scores[id]);
  if (Array.isArray(a.ideas)) a.ideas.forEach((idea: string, k: number) => (d.ideas[k] = idea));
  return d;
}

const copy = (shares: Record<string, number>) => Object.assign({}, shares);

/** The sum of a points or dots answer. */
export function total(shares: Record<string, number>): number {
  let sum = 0;
  for (const id of Object.keys(shares)) sum += shares[id];
  return sum;
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const isUnit = (n: unknown) => typeof n === 'number' && n >= 0 && n <= 1;

/** The problem that keeps `answer` from fitting `q`, or null when it can be sent. */
export function check(q: Question, answer: Answer | null): Problem | null {
  if (!answer) return 'missing';
  const ids = q.options.map((o) => o.id);
  const known = (id: string) => ids.indexOf(id) >= 0;
  const budget = budgetOf(q);
  switch (q.kind) {
    case 'scale': {
      if (!('value' in answer)) return 'invalid';
      const { min, max } = scaleOf(q);
      const v = answer.value;
      return Number.isInteger(v) && v >= min && v <= max ? null : 'invalid';
    }
    case 'single':
      return 'option' in answer && known(answer.option) ? null : 'invalid';
    case 'multiple': {
      if (!('options' in answer) || !Array.isArray(answer.options)) return 'invalid';
      const chosen = answer.options;
      if (!chosen.every(known) || new Set(chosen).size !== chosen.length) return 'invalid';
      if (chosen.length === 0) return 'missing';
      return chosen.length > budget ? 'too_many' : null;
    }
    case 'points':
    case 'dots': {
      const shares = 'points' in answer ? answer.points : 'dots' in answer ? answer.dots : null;
      if (!isRecord(shares) || ('points' in answer) !== (q.kind === 'points')) return 'invalid';
      const keys = Object.keys(shares);
      if (!keys.every((id) => known(id) && isCount(shares[id]))) return 'invalid';
      const sum = total(shares as Record<string, number>);
      if (q.kind === 'points') return sum === budget ? null : 'points_sum';
      if (sum === 0) return 'missing';
      return sum > budget ? 'too_many' : null;
    }
    case 'ranking': {
      if (!('order' in answer) || !Array.isArray(answer.order)) return 'invalid';
      const order = answer.order;
      const permutation =
        order.length === ids.length && new Set(order).size === ids.length && order.every(known);
      return permutation ? null : 'invalid';
    }
    case 'grid': {
      if (!('placements' in answer) || !isRecord(answer.placements)) return 'invalid';
      const placed = answer.placements;
      const keys = Object.keys(placed);
      const fits = (p: unknown) => isRecord(p) && isUnit(p.impact) && isUnit(p.feasibility);
      if (!keys.every((id) => known(id) && fits(placed[id]))) return 'invalid';
      // Every option is placed: an action left out would look like "low and hard" in the tally.
      return keys.length === ids.length ? null : 'grid_missing';
    }
    case 'scores': {
      if (!('scores' in answer) || !isRecord(answer.scores)) return 'invalid';
      const scored = answer.scores;
      const criteria = criteriaOf(q).map((c) => c.id);
      let partial = false;
      for (const id of Object.keys(scored)) {
        const given = scored[id];
        if (!known(id) || !isRecord(given)) return 'invalid';
        for (const c of Object.keys(given)) {
          if (criteria.indexOf(c) < 0 || SCORE_VALUES.indexOf(given[c] as number) < 0) return 'invalid';
        }
        if (Object.keys(given).length !== criteria.length) partial = true;
      }
      // Every candidate, on every criterion: one left out would rank as if nobody had an opinion.
      return partial || Object.keys(scored).length !== ids.length ? 'scores_missing' : null;
    }
    case 'ideas': {
      if (!('ideas' in answer) || !Array.isArray(answer.ideas)) return 'invalid';
      const ideas = answer.ideas as unknown[];
      const fits = (i: unknown) => typeof i === 'string' && cleanIdea(i) !== '' && i.length <= MAX_IDEA_CHARS;
      if (ideas.length > MAX_IDEAS || !ideas.every(fits)) return 'invalid';
      return ideas.length === 0 ? 'ideas_missing' : null;
    }
  }
}
