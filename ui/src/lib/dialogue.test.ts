import { describe, expect, it } from 'vitest';
import { GOAL_COLOURS, handsFromTally, moveSlide, parseHands, slideMove, tallyFigures } from './dialogue';
import type { ScaleTally } from './types';

const el = (tagName: string) => ({ tagName });

describe('slide keys', () => {
  it('move on, back, to the first and to the last', () => {
    expect(slideMove('ArrowRight', el('BODY'))).toBe('next');
    expect(slideMove('PageDown', el('BODY'))).toBe('next');
    expect(slideMove(' ', el('BODY'))).toBe('next');
    expect(slideMove('ArrowLeft', el('DIV'))).toBe('previous');
    expect(slideMove('PageUp', null)).toBe('previous');
    expect(slideMove('Home', el('BODY'))).toBe('first');
    expect(slideMove('End', el('BODY'))).toBe('last');
    expect(slideMove('x', el('BODY'))).toBeNull();
  });

  it('belong to the field being typed in', () => {
    expect(slideMove('ArrowRight', el('INPUT'))).toBeNull();
    expect(slideMove(' ', el('TEXTAREA'))).toBeNull();
    expect(slideMove('Home', el('SELECT'))).toBeNull();
    expect(slideMove('ArrowLeft', { tagName: 'DIV', isContentEditable: true })).toBeNull();
  });

  it('leave Space to a focused button, but arrows still move', () => {
    expect(slideMove(' ', el('BUTTON'))).toBeNull();
    expect(slideMove('ArrowRight', el('BUTTON'))).toBe('next');
  });

  it('stay within the eight goals', () => {
    expect(moveSlide(0, 'previous', 8)).toBe(0);
    expect(moveSlide(7, 'next', 8)).toBe(7);
    expect(moveSlide(3, 'next', 8)).toBe(4);
    expect(moveSlide(3, 'first', 8)).toBe(0);
    expect(moveSlide(3, 'last', 8)).toBe(7);
    expect(moveSlide(0, 'last', 0)).toBe(0);
  });
});

describe('hands', () => {
  it('are whole numbers, empty being none', () => {
    expect(parseHands('9')).toBe(9);
    expect(parseHands(' 12 ')).toBe(12);
    expect(parseHands('')).toBe(0);
    expect(parseHands('-1')).toBeNull();
    expect(parseHands('1,5')).toBeNull();
    expect(parseHands('dos')).toBeNull();
  });

  const tally = (counts: number[], hands: number, phone = 0, handCounts = counts): ScaleTally => ({
    scale: { min: 1, max: 5 },
    counts,
    hand_counts: handCounts,
    by_channel: { phone, paper: 0, hands },
    n: counts.reduce((a, b) => a + b, 0),
    mean: 4.43,
    median: 5,
    std_dev: 0.62,
  });

  it('come back from a tally made only of hands', () => {
    expect(handsFromTally(tally([0, 0, 1, 4, 9], 14))).toEqual([0, 0, 1, 4, 9]);
    expect(handsFromTally(null)).toEqual([0, 0, 0, 0, 0]);
  });

  it('come back as counted when phones voted too', () => {
    expect(handsFromTally(tally([0, 0, 1, 4, 9], 10, 4, [0, 0, 1, 2, 7]))).toEqual([0, 0, 1, 2, 7]);
  });

  it('read in the UI language, with a dash before anyone rated', () => {
    expect(tallyFigures(tally([0, 0, 1, 4, 9], 14), 'es')).toEqual({ n: 14, mean: '4,43', median: '5', spread: '0,62' });
    expect(tallyFigures(null, 'en')).toEqual({ n: 0, mean: '—', median: '—', spread: '—' });
  });
});

describe('goal colours', () => {
  it('give each of the eight goals its own colour', () => {
    const colours = ['1', '2', '3', '4', '5', '6', '7', '8'].map((g) => GOAL_COLOURS[g]);
    expect(new Set(colours).size).toBe(8);
  });

  it('are dark enough for white text on a projector', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (const c of Object.values(GOAL_COLOURS)) expect(1.05 / (luminance(c) + 0.05)).toBeGreaterThanOrEqual(7);
  });
});
