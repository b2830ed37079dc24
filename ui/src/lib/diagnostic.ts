// The pure part of the diagnostic screens: which area is shown, what a cell
// reads and what an edit of it means, where Enter moves the cursor. The
// components only wire these to the DOM and to api.ts.
import { parseDecimal } from './decimal';
import { formatNumber } from './format';
import type {
  Area,
  AreaInfo,
  Entry,
  GoalSheet,
  IndicatorSheet,
  Language,
  Light,
  Observation,
  PeriodStart,
  SeriesSheet,
  Sheet,
} from './types';

/** The years a value may be for (crates/core/src/indicators.rs). */
export const FIRST_YEAR = 1950;
export const LAST_YEAR = 2100;

export const LIGHTS: Light[] = ['met', 'on_track', 'insufficient', 'regressing', 'no_data'];

/** `country:CL`, `territory:<uuid>`: an area as the value of a `<select>` option. */
export const areaKey = (area: Area) => `${area.kind}:${area.id}`;

export function parseAreaKey(key: string): Area | null {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const id = key.slice(colon + 1);
  if (colon < 0 || id === '') return null;
  if (kind === 'country' || kind === 'territory') return { kind, id };
  return null;
}

export const sameArea = (a: Area, b: Area) => a.kind === b.kind && a.id === b.id;

/** The workshop is about its territories: open on the first one, else on the country. */
export function defaultAreaKey(areas: AreaInfo[]): string {
  const first = areas.find((a) => a.area.kind === 'territory') ?? areas[0];
  return first ? areaKey(first.area) : '';
}

/** `key` when the sheet still has that area, else the default one. */
export function resolveAreaKey(areas: AreaInfo[], key: string): string {
  return areas.some((a) => areaKey(a.area) === key) ? key : defaultAreaKey(areas);
}

/** Position of the area in `Sheet.areas` (and so in every `series` and `summaries`). */
export const areaIndex = (areas: AreaInfo[], key: string) => areas.findIndex((a) => areaKey(a.area) === key);

export function areaName(areas: AreaInfo[], area: Area): string {
  return areas.find((a) => sameArea(a.area, area))?.name ?? area.id;
}

/** `first` or the year, as the value of the period `<select>`. */
export const periodKey = (p: PeriodStart) => (p.kind === 'year' ? String(p.year) : 'first');

export function periodFromKey(key: string): PeriodStart {
  const year = Number(key);
  return key !== 'first' && Number.isInteger(year) ? { kind: 'year', year } : { kind: 'first_observation' };
}

/** A year typed by a person, or null when it is not a whole year the core accepts. */
export function parseYear(text: string): number | null {
  const t = text.trim();
  if (!/^\d{4}$/.test(t)) return null;
  const year = Number(t);
  return year >= FIRST_YEAR && year <= LAST_YEAR ? year : null;
}

/** The indicators of a goal the grid lists: set-aside ones only when asked. */
export function visibleIndicators(goal: GoalSheet, showSetAside: boolean): IndicatorSheet[] {
  return showSetAside ? goal.indicators : goal.indicators.filter((i) => !i.not_applicable);
}

export const observationAt = (series: SeriesSheet, year: number): Observation | undefined =>
  series.observations.find((o) => o.year === year);

/** What a cell shows: the number in the UI language, the "n/d" word, or nothing. */
export function cellText(obs: Observation | undefined, language: Language, notAvailable: string): string {
  if (!obs) return '';
  return obs.value === null ? notAvailable : formatNumber(obs.value, language, 6, false);
}

/** What leaving a cell asks for. */
export type CellEdit =
  | { kind: 'none' }
  | { kind: 'invalid' }
  | { kind: 'clear' }
  | { kind: 'set'; entry: Entry };

export function cellEdit(text: string, obs: Observation | undefined): CellEdit {
  const parsed = parseDecimal(text);
  if (!parsed.ok) return { kind: 'invalid' };
  const entry = parsed.entry;
  if (entry === null) return obs ? { kind: 'clear' } : { kind: 'none' };
  if (obs && entry.kind === 'not_available' && obs.value === null) return { kind: 'none' };
  if (obs && entry.kind === 'number' && obs.value === entry.value) return { kind: 'none' };
  return { kind: 'set', entry };
}

/** The row Enter (+1) or Shift+Enter (−1) moves to, among the rows on screen. */
export function verticalTarget(rows: string[], current: string, delta: 1 | -1): string | null {
  const i = rows.indexOf(current);
  if (i < 0) return null;
  return rows[i + delta] ?? null;
}

/** A difference with its sign always written: `+1,5`, `−2`. */
export function signed(value: number, language: Language, digits = 2): string {
  const text = formatNumber(Math.abs(value), language, digits);
  if (value > 0) return `+${text}`;
  if (value < 0) return `−${text}`;
  return text;
}

/** Every indicator of the sheet, in catalogue order. */
export const allIndicators = (sheet: Sheet) => sheet.goals.flatMap((g) => g.indicators);

/** The distinct sources of a series, in the order they first appear. */
export function sources(series: SeriesSheet): string[] {
  return [...new Set(series.observations.map((o) => o.source.trim()).filter((s) => s !== ''))];
}

/** The years of a series that hold a number: the choices for its baseline. */
export const yearsWithValues = (series: SeriesSheet) =>
  series.observations.filter((o) => o.value !== null).map((o) => o.year);
