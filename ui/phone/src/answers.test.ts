import { describe, expect, it } from 'vitest';
import { budgetOf, check, cleanIdea, emptyDraft, fromAnswer, missingScores, toAnswer } from './answers';
import type { Answer, Question } from './types';

const options = [
  { id: 'a', label: 'Agua' },
  { id: 'b', label: 'Basura' },
  { id: 'c', label: 'Caminos' },
];
const q = (kind: Question['kind'], extra: Partial<Question> = {}): Question => ({
  id: 'q1',
  kind,
  prompt: '¿?',
  options,
  state: 'open',
  ...extra,
});
const ok = (question: Question, answer: unknown) => check(question, answer as Answer);

describe('scale', () => {
  const scale = q('scale', { options: [], scale: { min: 1, max: 5 } });
  it('takes a whole value on the scale', () => {
    expect(ok(scale, { value: 1 })).toBeNull();
    expect(ok(scale, { value: 5 })).toBeNull();
  });
  it('refuses values off the scale or between steps', () => {
    for (const value of [0, 6, 2.5, '3']) expect(ok(scale, { value })).toBe('invalid');
  });
  it('uses 1 to 5 when the question gives no scale', () => {
    expect(ok(q('scale', { scale: null }), { value: 5 })).toBeNull();
    expect(ok(q('scale', { scale: null }), { value: 6 })).toBe('invalid');
  });
  it('has nothing to send before a value is chosen', () => {
    expect(check(scale, toAnswer(scale, emptyDraft(scale)))).toBe('missing');
  });
});

describe('single', () => {
  it('takes one of the options', () => {
    expect(ok(q('single'), { option: 'b' })).toBeNull();
    expect(ok(q('single'), { option: 'z' })).toBe('invalid');
    expect(ok(q('single'), { value: 1 })).toBe('invalid');
  });
});

describe('multiple', () => {
  it('takes at most the budget, at least one, each once', () => {
    const m = q('multiple', { budget: 2 });
    expect(ok(m, { options: ['a', 'c'] })).toBeNull();
    expect(ok(m, { options: ['a', 'b', 'c'] })).toBe('too_many');
    expect(ok(m, { options: [] })).toBe('missing');
    expect(ok(m, { options: ['a', 'a'] })).toBe('invalid');
    expect(ok(m, { options: ['x'] })).toBe('invalid');
  });
  it('has no limit without a budget', () => {
    expect(ok(q('multiple'), { options: ['a', 'b', 'c'] })).toBeNull();
  });
});

describe('points', () => {
  const p = q('points', { budget: 100 });
  it('must share exactly the budget', () => {
    expect(ok(p, { points: { a: 60, b: 40 } })).toBeNull();
    expect(ok(p, { points: { a: 60, b: 30 } })).toBe('points_sum');
    expect(ok(p, { points: { a: 60, b: 50 } })).toBe('points_sum');
  });
  it('takes whole, non-negative points on known options', () => {
    expect(ok(p, { points: { a: 110, b: -10 } })).toBe('invalid');
    expect(ok(p, { points: { a: 50.5, b: 49.5 } })).toBe('invalid');
    expect(ok(p, { points: { a: 50, x: 50 } })).toBe('invalid');
    expect(ok(p, { dots: { a: 100 } })).toBe('invalid');
  });
  it('shares 100 when the question gives no budget, as the core does', () => {
    expect(budgetOf(q('points'))).toBe(100);
  });
});

describe('dots', () => {
  const d = q('dots', { budget: 3 });
  it('takes at most the budget in all, several on one option if wished', () => {
    expect(ok(d, { dots: { a: 3 } })).toBeNull();
    expect(ok(d, { dots: { a: 1, b: 1 } })).toBeNull();
    expect(ok(d, { dots: { a: 2, b: 2 } })).toBe('too_many');
    expect(ok(d, { dots: { a: 0 } })).toBe('missing');
    expect(ok(d, { points: { a: 1 } })).toBe('invalid');
  });
  it('gives 3 dots when the question gives no budget, as the core does', () => {
    expect(ok(q('dots'), { dots: { a: 2, b: 1 } })).toBeNull();
    expect(ok(q('dots'), { dots: { a: 4 } })).toBe('too_many');
  });
});

describe('ranking', () => {
  const r = q('ranking');
  it('is every option exactly once', () => {
    expect(ok(r, { order: ['c', 'a', 'b'] })).toBeNull();
    expect(ok(r, { order: ['c', 'a'] })).toBe('invalid');
    expect(ok(r, { order: ['c', 'a', 'a'] })).toBe('invalid');
    expect(ok(r, { order: ['c', 'a', 'x'] })).toBe('invalid');
  });
  it('starts as the options are listed, which can be sent as it is', () => {
    expect(toAnswer(r, emptyDraft(r))).toEqual({ order: ['a', 'b', 'c'] });
  });
});

describe('grid', () => {
  const g = q('grid', { options: options.slice(0, 2) });
  it('places every option with both axes between 0 and 1', () => {
    const both = { a: { impact: 1, feasibility: 0 }, b: { impact: 0.25, feasibility: 0.75 } };
    expect(ok(g, { placements: both })).toBeNull();
    expect(ok(g, { placements: { a: both.a } })).toBe('grid_missing');
    expect(ok(g, { placements: { ...both, b: { impact: 1.2, feasibility: 0 } } })).toBe('invalid');
    expect(ok(g, { placements: { ...both, b: { impact: -0.1, feasibility: 0 } } })).toBe('invalid');
  });
  it('sends only options with both axes chosen', () => {
    const d = emptyDraft(g);
    d.grid = { a: { impact: 0.5, feasibility: 0.75 }, b: { impact: 0.25 } };
    expect(toAnswer(g, d)).toEqual({ placements: { a: { impact: 0.5, feasibility: 0.75 } } });
  });
});

describe('scores', () => {
  const criteria = [
    { id: 'gap', label: 'Brecha' },
    { id: 'urg', label: 'Urgencia' },
  ];
  const s = q('scores', { options: options.slice(0, 2), criteria });
  const full = { a: { gap: 5, urg: 1 }, b: { gap: 3, urg: 4 } };
  it('scores every candidate on every criterion, 1 to 5', () => {
    expect(ok(s, { scores: full })).toBeNull();
  });
  it('says what is missing while a candidate or a criterion is left out', () => {
    expect(ok(s, { scores: { a: full.a } })).toBe('scores_missing');
    expect(ok(s, { scores: { a: full.a, b: { gap: 3 } } })).toBe('scores_missing');
    expect(ok(s, { scores: {} })).toBe('scores_missing');
  });
  it('refuses scores off the scale, unknown ids and other shapes', () => {
    for (const bad of [0, 6, 2.5, '3']) expect(ok(s, { scores: { a: full.a, b: { gap: bad, urg: 4 } } })).toBe('invalid');
    expect(ok(s, { scores: { ...full, x: full.a } })).toBe('invalid');
    expect(ok(s, { scores: { a: { ...full.a, size: 2 }, b: full.b } })).toBe('invalid');
    expect(ok(s, { scores: { a: [5, 1], b: full.b } })).toBe('invalid');
    expect(ok(s, { ideas: ['x'] })).toBe('invalid');
  });
  it('counts the scores still to give and finds the first candidate missing one', () => {
    const d = emptyDraft(s);
    expect(missingScores(s, d)).toEqual({ n: 4, first: 0 });
    d.scores = { a: full.a, b: { urg: 2 } };
    expect(missingScores(s, d)).toEqual({ n: 1, first: 1 });
    expect(check(s, toAnswer(s, d))).toBe('scores_missing');
    d.scores.b.gap = 2;
    expect(missingScores(s, d)).toEqual({ n: 0, first: -1 });
    expect(toAnswer(s, d)).toEqual({ scores: { a: { gap: 5, urg: 1 }, b: { gap: 2, urg: 2 } } });
  });
  it('sends nothing for a candidate not touched yet, and starts on the first screen', () => {
    const d = emptyDraft(s);
    expect(d.page).toBe(0);
    d.scores = { a: { gap: 2 }, b: {} };
    expect(toAnswer(s, d)).toEqual({ scores: { a: { gap: 2 } } });
  });
  it('a change of vote starts from the scores sent, even a part of them', () => {
    expect(fromAnswer(s, { scores: full }).scores).toEqual(full);
    expect(fromAnswer(s, { scores: { a: full.a } }).scores).toEqual({ a: full.a });
    expect(fromAnswer(s, { scores: { a: { gap: 9, urg: 1 } } }).scores).toEqual({});
  });
});

describe('ideas', () => {
  const i = q('ideas', { options: [] });
  it('offers five empty boxes and sends only the ideas written, tidied', () => {
    const d = emptyDraft(i);
    expect(d.ideas).toEqual(['', '', '', '', '']);
    expect(check(i, toAnswer(i, d))).toBe('ideas_missing');
    d.ideas[1] = '  Falta   agua\npotable ';
    d.ideas[3] = '   ';
    expect(toAnswer(i, d)).toEqual({ ideas: ['Falta agua potable'] });
    expect(check(i, toAnswer(i, d))).toBeNull();
  });
  it('takes at most five ideas of at most 140 characters', () => {
    expect(ok(i, { ideas: ['a', 'b', 'c', 'd', 'e'] })).toBeNull();
    expect(ok(i, { ideas: ['a', 'b', 'c', 'd', 'e', 'f'] })).toBe('invalid');
    expect(ok(i, { ideas: ['x'.repeat(140)] })).toBeNull();
    expect(ok(i, { ideas: ['x'.repeat(141)] })).toBe('invalid');
    expect(ok(i, { ideas: [''] })).toBe('invalid');
    expect(ok(i, { ideas: 'agua' })).toBe('invalid');
  });
  it('a change of vote shows the ideas sent in their boxes', () => {
    expect(fromAnswer(i, { ideas: ['uno', 'dos'] }).ideas).toEqual(['uno', 'dos', '', '', '']);
    expect(cleanIdea(' a \t b ')).toBe('a b');
  });
});

describe('a vote being changed', () => {
  it('starts from the answer that was sent', () => {
    const p = q('points', { budget: 100 });
    const d = fromAnswer(p, { points: { a: 70, c: 30 } });
    expect(toAnswer(p, d)).toEqual({ points: { a: 70, b: 0, c: 30 } });
    expect(fromAnswer(q('ranking'), { order: ['b', 'c', 'a'] }).order).toEqual(['b', 'c', 'a']);
  });
  it('starts empty from an answer that does not fit the question', () => {
    expect(fromAnswer(q('single'), { option: 'gone' })).toEqual(emptyDraft(q('single')));
    expect(fromAnswer(q('single'), 'junk')).toEqual(emptyDraft(q('single')));
  });
  it('does not share the draft with what was sent', () => {
    const m = q('multiple');
    const sent = { options: ['a'] };
    fromAnswer(m, sent).options.push('b');
    expect(sent.options).toEqual(['a']);
  });
});
