// The pure part of the relevance dialogue: the slides' keyboard, the show of
// hands typed in, and how a tally reads.
import { formatNumber } from './format';
import type { Language, ScaleTally } from './types';

/** A colour per goal, each dark enough for white text on it (contrast ≥ 7:1). */
export const GOAL_COLOURS: Record<string, string> = {
  '1': '#9b2c1f',
  '2': '#1f4e79',
  '3': '#6a2c82',
  '4': '#0b5e4f',
  '5': '#8e2357',
  '6': '#7a3f00',
  '7': '#2d5e16',
  '8': '#2f3f57',
};

export const goalColour = (code: string) => GOAL_COLOURS[code] ?? '#333333';

export type SlideMove = 'next' | 'previous' | 'first' | 'last';

/** What a key does on the slides; null when it belongs to the element that has focus. */
export function slideMove(key: string, target: { tagName: string; isContentEditable?: boolean } | null): SlideMove | null {
  const tag = target?.tagName.toLowerCase() ?? '';
  if (tag === 'input' || tag === 'textarea' || tag === 'select' || target?.isContentEditable) return null;
  // Space and Enter press a focused button or link; leave them to it.
  if ((key === ' ' || key === 'Enter') && (tag === 'button' || tag === 'a' || tag === 'summary')) return null;
  switch (key) {
    case 'ArrowRight':
    case 'PageDown':
    case ' ':
      return 'next';
    case 'ArrowLeft':
    case 'PageUp':
      return 'previous';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    default:
      return null;
  }
}

/** The slide a move leads to, staying within the `count` slides. */
export function moveSlide(current: number, move: SlideMove, count: number): number {
  const last = Math.max(0, count - 1);
  switch (move) {
    case 'next':
      return Math.min(current + 1, last);
    case 'previous':
      return Math.max(current - 1, 0);
    case 'first':
      return 0;
    case 'last':
      return last;
  }
}

/** A number of raised hands as typed: empty is 0; null when it is not a whole number ≥ 0. */
export function parseHands(text: string): number | null {
  const t = text.trim();
  if (t === '') return 0;
  if (!/^\d{1,6}$/.test(t)) return null;
  return Number(t);
}

/** The hands to show in the five boxes for a goal: what was counted, whatever phones or paper added. */
export function handsFromTally(tally: ScaleTally | null): number[] {
  if (!tally || tally.hand_counts.length !== 5) return [0, 0, 0, 0, 0];
  return [...tally.hand_counts];
}

/** Mean, median and spread of a tally in the UI language; a dash when nobody rated. */
export function tallyFigures(tally: ScaleTally | null, language: Language) {
  const f = (v: number | null | undefined, digits: number) =>
    v === null || v === undefined ? '—' : formatNumber(v, language, digits);
  return {
    n: tally?.n ?? 0,
    mean: f(tally?.mean, 2),
    median: f(tally?.median, 1),
    spread: f(tally?.std_dev, 2),
  };
}
