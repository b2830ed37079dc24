import { describe, expect, it } from 'vitest';
import { barPercent, dateRange, dayLabel, fileSize, formatNumber, formatPercent, percentOf } from './format';

describe('dates', () => {
  it('reads a workshop range in the UI language', () => {
    expect(dateRange('2026-04-14', '2026-04-15', 'es')).toMatch(/14.+15.+abril.+2026/);
    expect(dateRange('2026-04-14', '2026-04-15', 'en')).toMatch(/April 14.+15.+2026/);
    expect(dateRange('2026-04-14', '2026-04-14', 'fr')).toBe('14 avril 2026');
  });

  it('shows what is there when a date is not a date', () => {
    expect(dateRange('2026-04-14', 'mañana', 'es')).toBe('2026-04-14 – mañana');
  });

  it('names the weekday of a workshop day, whatever the time zone', () => {
    expect(dayLabel('2026-04-14', 'en')).toMatch(/Tue/);
    expect(dayLabel('2026-04-14', 'es')).toMatch(/mar/);
    expect(dayLabel('x', 'es')).toBe('x');
  });
});

describe('numbers', () => {
  it('writes sizes with the decimal comma where the language uses it', () => {
    expect(fileSize(500, 'en')).toBe('500 B');
    expect(fileSize(3277, 'pt')).toBe('3,2 kB');
    expect(fileSize(1.5 * 1024 * 1024, 'en')).toBe('1.5 MB');
  });

  it('percent of the total is 0 when nobody is registered', () => {
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(0, 0)).toBe(0);
  });

  it('bars are relative to the largest count', () => {
    expect(barPercent(5, [5, 10, 0])).toBe(50);
    expect(barPercent(0, [0, 0])).toBe(0);
  });
});

describe('numbers of the diagnostic', () => {
  it('take the decimal comma in spanish, portuguese and french', () => {
    expect(formatNumber(16.8, 'es')).toBe('16,8');
    expect(formatNumber(16.8, 'pt')).toBe('16,8');
    expect(formatNumber(16.8, 'fr')).toBe('16,8');
    expect(formatNumber(16.8, 'en')).toBe('16.8');
    expect(formatNumber(1234.5, 'en', 2, false)).toBe('1234.5');
  });

  it('write shares as whole percents', () => {
    expect(formatPercent(0.5, 'en')).toBe('50%');
    expect(formatPercent(0.25, 'es')).toMatch(/^25\s?%$/);
  });
});
