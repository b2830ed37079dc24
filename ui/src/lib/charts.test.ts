import { describe, expect, it } from 'vitest';
import { bars, extent, scale } from './charts';

describe('chart geometry', () => {
  it('widens a flat extent so a single value still draws', () => {
    expect(extent([5, 9], [12])).toEqual([5, 12]);
    expect(extent([10])).toEqual([9, 11]);
    expect(extent([0])).toEqual([-1, 1]);
    expect(extent([])).toEqual([0, 1]);
  });

  it('maps linearly, also onto a reversed range', () => {
    const y = scale([0, 10], [100, 0]);
    expect(y(0)).toBe(100);
    expect(y(5)).toBe(50);
    expect(y(10)).toBe(0);
  });

  it('draws bars from zero, negative ones to the left', () => {
    const { zero, bars: b } = bars([50, -50, null]);
    expect(zero).toBe(0.5);
    expect(b[0]).toEqual({ x: 0.5, width: 0.5, negative: false });
    expect(b[1]).toEqual({ x: 0, width: 0.5, negative: true });
    expect(b[2]).toBeNull();
  });

  it('gives positive-only bars the whole width', () => {
    const { zero, bars: b } = bars([2, 4]);
    expect(zero).toBe(0);
    expect(b[1]).toEqual({ x: 0, width: 1, negative: false });
  });
});
