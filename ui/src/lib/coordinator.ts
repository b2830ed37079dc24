// What the coordinator view computes from the core's answers: the results of an
// import (counted, merged with a retry, the devices to trust), the filter sent to
// the core, the order of the workshop list, the counts drawn on the map and the
// fields two versions of a conflicting row disagree on.
import { lookup, translate } from './i18n.svelte';
import type {
  BundleSigner,
  CoordinatorFilter,
  CoordinatorTotals,
  CoordinatorWorkshop,
  FileReport,
  Language,
  MergeConflict,
  TrustedDeviceInput,
} from './types';

export type ResultKind = 'new' | 'updated' | 'unchanged' | 'rejected';
export const RESULT_KINDS: ResultKind[] = ['new', 'updated', 'unchanged', 'rejected'];

export function resultKind(r: FileReport): ResultKind {
  return r.result === 'merged' ? r.outcome : 'rejected';
}

export function countResults(reports: FileReport[]): Record<ResultKind, number> {
  const out: Record<ResultKind, number> = { new: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const r of reports) out[resultKind(r)] += 1;
  return out;
}

/** The list after importing `next` again: a file keeps its place and takes its new result. */
export function replaceReports(previous: FileReport[], next: FileReport[]): FileReport[] {
  const byPath = new Map(next.map((r) => [r.path, r]));
  const kept = previous.map((r) => byPath.get(r.path) ?? r);
  const known = new Set(previous.map((r) => r.path));
  return [...kept, ...next.filter((r) => !known.has(r.path))];
}

/** A device the database does not trust yet, with the files it signed. */
export interface UntrustedDevice {
  signer: BundleSigner;
  paths: string[];
}

/** The files refused because their device is unknown, grouped by device in the order met. */
export function untrustedDevices(reports: FileReport[]): UntrustedDevice[] {
  const out = new Map<string, UntrustedDevice>();
  for (const r of reports) {
    if (r.result !== 'rejected' || r.error.code !== 'bundle_unknown_device' || !r.signer) continue;
    const d = out.get(r.signer.device_id);
    if (d) d.paths.push(r.path);
    else out.set(r.signer.device_id, { signer: r.signer, paths: [r.path] });
  }
  return [...out.values()];
}

/** What trusting a device records: its key, labelled with the workshop it brought. */
export function trustInput(d: UntrustedDevice): TrustedDeviceInput {
  return { device_id: d.signer.device_id, public_key: d.signer.public_key, label: d.signer.workshop_title };
}

/** A core error in `language`, as errorText shows it (pure: for lists and tests). */
export function errorIn(language: Language, error: { code: string; message: string; params?: Record<string, string> }) {
  const key = `error.${error.code}`;
  return lookup(language, key) !== undefined ? translate(language, key, error.params ?? {}) : error.message;
}

/** The line under a file's name: what the merge did, or why the file was refused. */
export function resultLine(language: Language, r: FileReport): string {
  if (r.result === 'rejected') return errorIn(language, r.error);
  const counts = translate(language, 'coordinator.import.rows', {
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
  });
  const conflicts =
    r.conflicts > 0 ? ` · ${translate(language, 'coordinator.import.conflicts_found', { n: r.conflicts })}` : '';
  return `${r.title} — ${counts}${conflicts}`;
}

/** The filter as typed in the view's fields (every field a string, as inputs hold them). */
export interface FilterForm {
  country: string;
  municipality: string;
  from: string;
  to: string;
  goal: string;
  facilitator: string;
}

export const EMPTY_FORM: FilterForm = { country: '', municipality: '', from: '', to: '', goal: '', facilitator: '' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filter the core reads: blanks are null, a date only when whole, the goal 1..8. */
export function toFilter(form: FilterForm): CoordinatorFilter {
  const text = (s: string) => (s.trim() === '' ? null : s.trim());
  const goal = Number(form.goal);
  return {
    country: text(form.country),
    municipality: text(form.municipality),
    from: DAY.test(form.from) ? form.from : null,
    to: DAY.test(form.to) ? form.to : null,
    goal: form.goal !== '' && Number.isInteger(goal) && goal >= 1 && goal <= 8 ? goal : null,
    facilitator: text(form.facilitator),
  };
}

export function isFiltered(form: FilterForm): boolean {
  return Object.values(toFilter(form)).some((v) => v !== null);
}

export type SortKey = 'date' | 'title' | 'country' | 'participants' | 'goal' | 'overdue';
export interface Sort {
  key: SortKey;
  descending: boolean;
}

/** The workshops in the chosen order; ties fall back to the newest first, then the title. */
export function sortWorkshops(
  rows: CoordinatorWorkshop[],
  sort: Sort,
  countryName: (code: string) => string,
): CoordinatorWorkshop[] {
  const text = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true });
  const by: Record<SortKey, (a: CoordinatorWorkshop, b: CoordinatorWorkshop) => number> = {
    date: (a, b) => a.start_date.localeCompare(b.start_date),
    title: (a, b) => text(a.title, b.title),
    country: (a, b) => text(a.countries.map(countryName).join(', '), b.countries.map(countryName).join(', ')),
    participants: (a, b) => a.participants - b.participants,
    // Workshops with no decision come last whichever way.
    goal: (a, b) => (a.goal ?? (sort.descending ? 0 : 99)) - (b.goal ?? (sort.descending ? 0 : 99)),
    overdue: (a, b) => a.overdue - b.overdue,
  };
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort(
    (a, b) =>
      sign * by[sort.key](a, b) || b.start_date.localeCompare(a.start_date) || text(a.title, b.title),
  );
}

/** Clicking a column's header: the same column turns round, another starts in its natural order. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) return { key, descending: !current.descending };
  return { key, descending: key === 'date' || key === 'participants' || key === 'overdue' };
}

export type MapMeasure = 'participants' | 'workshops';

/** The count of each country the map draws. */
export function mapCounts(totals: CoordinatorTotals, measure: MapMeasure): Record<string, number> {
  return Object.fromEntries(totals.by_country.map((c) => [c.country, c[measure]]));
}

/** The columns every row carries for the merge itself, not for what it says. */
const BOOKKEEPING = new Set(['updated_at', 'device_id', 'created_at']);

/** A value of a row as a person reads it. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The fields two versions of a row disagree on, in the kept version's order. */
export function differingFields(c: MergeConflict): { field: string; kept: string; lost: string }[] {
  const fields = [...new Set([...Object.keys(c.kept), ...Object.keys(c.lost)])];
  return fields
    .filter((f) => !BOOKKEEPING.has(f) && JSON.stringify(c.kept[f]) !== JSON.stringify(c.lost[f]))
    .map((f) => ({ field: f, kept: cellText(c.kept[f]), lost: cellText(c.lost[f]) }));
}

/** A device id short enough to read aloud: its last twelve characters. */
export function shortDevice(id: string): string {
  return id.length > 12 ? `…${id.slice(-12)}` : id;
}

const LOCALES: Record<Language, string> = { es: 'es-419', en: 'en', pt: 'pt-BR', fr: 'fr-HT' };

/** A stored moment (RFC 3339, UTC) as a date and time of this computer; the text itself when unreadable. */
export function moment(stamp: string, language: Language): string {
  const d = new Date(stamp);
  if (Number.isNaN(d.getTime())) return stamp;
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
