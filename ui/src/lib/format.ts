// How numbers, dates and sizes read in the UI language. Dates are calendar days
// (YYYY-MM-DD) and are formatted in UTC so no time zone can shift them.
import type { Language } from './types';

const LOCALES: Record<Language, string> = { es: 'es-419', en: 'en', pt: 'pt-BR', fr: 'fr-HT' };
// Numbers take the decimal comma in Spanish as most of the region writes it
// (es-419 follows Mexico's decimal point).
const NUMBER_LOCALES: Record<Language, string> = { es: 'es', en: 'en', pt: 'pt-BR', fr: 'fr-HT' };

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const isDay = (iso: string) => /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(day(iso).getTime());

/** "14–15 de abril de 2026"; the raw text when either end is not a date. */
export function dateRange(start: string, end: string, language: Language): string {
  if (!isDay(start) || !isDay(end)) return `${start} – ${end}`;
  const f = new Intl.DateTimeFormat(LOCALES[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  if (start === end) return f.format(day(start));
  return typeof f.formatRange === 'function'
    ? f.formatRange(day(start), day(end))
    : `${f.format(day(start))} – ${f.format(day(end))}`;
}

/** A workshop day for the attendance boxes: "mar. 14 abr." */
export function dayLabel(iso: string, language: Language): string {
  if (!isDay(iso)) return iso;
  return new Intl.DateTimeFormat(LOCALES[language], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(day(iso));
}

/** "3,2 kB", "1,4 MB" */
export function fileSize(bytes: number, language: Language): string {
  const n = (value: number) =>
    new Intl.NumberFormat(NUMBER_LOCALES[language], { maximumFractionDigits: 1 }).format(value);
  if (bytes < 1024) return `${n(bytes)} B`;
  if (bytes < 1024 * 1024) return `${n(bytes / 1024)} kB`;
  return `${n(bytes / (1024 * 1024))} MB`;
}

/** A number in the UI language: `12,5` in Spanish, `12.5` in English. */
export function formatNumber(
  value: number,
  language: Language,
  maximumFractionDigits = 2,
  useGrouping = true,
): string {
  return new Intl.NumberFormat(NUMBER_LOCALES[language], { maximumFractionDigits, useGrouping }).format(value);
}

/** A share (0.25) as a whole percent in the UI language: `25 %`, `25%`. */
export function formatPercent(share: number, language: Language): string {
  return new Intl.NumberFormat(NUMBER_LOCALES[language], { style: 'percent', maximumFractionDigits: 0 }).format(
    share,
  );
}

/** Whole percent of the total, 0 when the total is 0. */
export function percentOf(count: number, total: number): number {
  return total > 0 ? Math.round((count / total) * 100) : 0;
}

/** Width of a bar as a percentage of the largest count (0 when all are 0). */
export function barPercent(count: number, counts: number[]): number {
  const max = Math.max(0, ...counts);
  return max === 0 ? 0 : Math.round((count / max) * 100);
}
