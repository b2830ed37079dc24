// The pure part of the action matrix tab (stage 3): the whole ActionInput an edit
// sends, what a cell shows and how its text is read back (dates, amounts, 1–5
// placements), the rows grouped by strategic line, and a row's summary. The
// components wire these to the DOM and to api.ts; the core
// (crates/core/src/actions.rs) validates and decides the rest.
import { parseDecimal } from './decimal';
import { formatNumber } from './format';
import type { Action, ActionBoard, ActionInput, Language, Money, RoomPlacement, StrategicLine } from './types';

/** The fields of an action a cell or a box of the detail view edits as text. */
export type ActionField =
  | 'title'
  | 'goal'
  | 'mdg_target'
  | 'indicator_name'
  | 'indicator_unit'
  | 'baseline_value'
  | 'baseline_date'
  | 'target_value'
  | 'target_date'
  | 'responsible_unit'
  | 'start_date'
  | 'end_date'
  | 'amount'
  | 'currency'
  | 'funding_source'
  | 'area'
  | 'risks'
  | 'impact'
  | 'feasibility';

/** What is typed in a row's cells and not saved yet (or refused), by field. */
export type ActionTexts = Partial<Record<ActionField, string>>;

/** The impact and feasibility scale: 1 (low) to 5 (high). */
export const PLACEMENTS = [1, 2, 3, 4, 5];

/** Offered while typing a currency; any ISO 4217 code the core knows is accepted. */
export const CURRENCY_SUGGESTIONS = [
  'ARS', 'BOB', 'BRL', 'CLF', 'CLP', 'COP', 'CRC', 'CUP', 'DOP', 'EUR', 'GTQ', 'HNL', 'HTG',
  'MXN', 'NIO', 'PAB', 'PEN', 'PYG', 'USD', 'UYU', 'VES',
]; // prettier-ignore

/** The whole input that saves `a` unchanged: an edit changes some fields of it. */
export function inputOf(a: Action): ActionInput {
  return {
    line: a.line,
    title: a.title,
    goal: a.goal,
    mdg_target: a.mdg_target,
    indicator_name: a.indicator_name,
    indicator_unit: a.indicator_unit,
    indicator_code: a.indicator_code,
    baseline_value: a.baseline_value,
    baseline_date: a.baseline_date,
    target_value: a.target_value,
    target_date: a.target_date,
    responsible_unit: a.responsible_unit,
    partners: a.partners.map((p) => ({ ...p })),
    start_date: a.start_date,
    end_date: a.end_date,
    amount: a.amount,
    currency: a.currency,
    funding_source: a.funding_source,
    area: a.area,
    risks: a.risks,
    impact: a.impact,
    feasibility: a.feasibility,
  };
}

/** A new action of `line`, named and in the plan's currency, everything else to fill in. */
export function newActionInput(line: string, title: string, currency: string | null): ActionInput {
  return {
    line,
    title: title.trim(),
    goal: '',
    mdg_target: null,
    indicator_name: '',
    indicator_unit: '',
    indicator_code: null,
    baseline_value: null,
    baseline_date: null,
    target_value: null,
    target_date: null,
    responsible_unit: '',
    partners: [],
    start_date: null,
    end_date: null,
    amount: null,
    currency,
    funding_source: '',
    area: null,
    risks: '',
    impact: null,
    feasibility: null,
  };
}

// ---- Reading what was typed ----

export type ParsedNumber = { ok: true; value: number | null } | { ok: false };

// Marks that group thousands in the UI languages: '.' in Spanish, Portuguese and
// French as the region writes money, ',' in English; spaces in any.
const GROUP_MARK: Record<Language, string> = { es: '.', en: ',', pt: '.', fr: '.' };
const SPACES = /[\s\u00a0\u202f]/g;

/**
 * An amount as people write money: `1500000`, `1.500.000`, `1 500 000`,
 * `1,500,000.50`, `$ 2.000`. One mark followed by exactly three digits
 * (`1.500`) groups thousands when it is the language's grouping mark. Empty is
 * none. A negative amount is read as such: the core refuses it with its reason.
 */
export function parseAmount(text: string, language: Language): ParsedNumber {
  const t = text.replace(SPACES, '').replace(/^(-?)\$/, '$1');
  if (t === '') return { ok: true, value: null };
  const grouped = /^-?\d{1,3}([.,])\d{3}(\1\d{3})*$/.exec(t);
  if (grouped) {
    const mark = grouped[1];
    const groups = t.split(mark).length - 1;
    if (groups > 1 || mark === GROUP_MARK[language]) return { ok: true, value: Number(t.replaceAll(mark, '')) };
  }
  return parseNumber(t);
}

/** An indicator's value: `12,5` or `12.5`; empty or "n/d" is none. */
export function parseNumber(text: string): ParsedNumber {
  const parsed = parseDecimal(text);
  if (!parsed.ok) return { ok: false };
  return { ok: true, value: parsed.entry?.kind === 'number' ? parsed.entry.value : null };
}

/** A date box: empty is none; anything else goes as typed, for the core to read or name. */
export function parseDay(text: string): string | null {
  const t = text.trim();
  return t === '' ? null : t;
}

/** A 1–5 select; empty is none. */
export function parsePlacement(text: string): number | null {
  const t = text.trim();
  return t === '' ? null : Number(t);
}

/** An optional choice or code: empty is none. */
const optional = (text: string) => (text.trim() === '' ? null : text.trim());

type NumberField = 'amount' | 'baseline_value' | 'target_value';
type DayField = 'baseline_date' | 'target_date' | 'start_date' | 'end_date';
type OptionalField = 'mdg_target' | 'currency' | 'area';
type PlacementField = 'impact' | 'feasibility';

const NUMBER_FIELDS: readonly ActionField[] = ['amount', 'baseline_value', 'target_value'];
const DAY_FIELDS: readonly ActionField[] = ['baseline_date', 'target_date', 'start_date', 'end_date'];
const OPTIONAL_FIELDS: readonly ActionField[] = ['mdg_target', 'currency', 'area'];
const isNumber = (f: ActionField): f is NumberField => NUMBER_FIELDS.includes(f);
const isDay = (f: ActionField): f is DayField => DAY_FIELDS.includes(f);
const isOptional = (f: ActionField): f is OptionalField => OPTIONAL_FIELDS.includes(f);
const isPlacement = (f: ActionField): f is PlacementField => f === 'impact' || f === 'feasibility';

export type Applied = { ok: true; input: ActionInput } | { ok: false; field: ActionField; text: string };

/** `input` with the typed texts put in; refused, naming the field, when a number cannot be read. */
export function applyTexts(input: ActionInput, texts: ActionTexts, language: Language): Applied {
  const out: ActionInput = { ...input, partners: input.partners.map((p) => ({ ...p })) };
  for (const [key, text] of Object.entries(texts) as [ActionField, string][]) {
    if (isNumber(key)) {
      const n = key === 'amount' ? parseAmount(text, language) : parseNumber(text);
      if (!n.ok) return { ok: false, field: key, text };
      out[key] = n.value;
    } else if (isDay(key)) {
      out[key] = parseDay(text);
    } else if (isOptional(key)) {
      out[key] = optional(text);
    } else if (isPlacement(key)) {
      out[key] = parsePlacement(text);
    } else {
      out[key] = text;
    }
  }
  return { ok: true, input: out };
}

/** What a cell shows of the saved action. */
export function fieldText(a: Action, field: ActionField, language: Language): string {
  const v = a[field];
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return isNumber(field) ? formatNumber(v, language, 2) : String(v);
  return v;
}

/**
 * Forgets the texts that were saved: those still as they were sent. A text typed
 * again while the save ran stays, for the next save.
 */
export function forgetSaved(texts: ActionTexts, sent: ActionTexts): ActionTexts {
  const left: ActionTexts = {};
  for (const [key, text] of Object.entries(texts) as [ActionField, string][]) {
    if (sent[key] !== text) left[key] = text;
  }
  return left;
}

// ---- Rows and lines ----

export interface LineRows {
  line: StrategicLine;
  actions: Action[];
}

/** Each line with its actions, in the board's order; a line without actions is kept. */
export function rowsByLine(board: Pick<ActionBoard, 'lines' | 'actions'>): LineRows[] {
  return board.lines.map((line) => ({ line, actions: board.actions.filter((a) => a.line === line.id) }));
}

/** An action's place in the matrix: its line's index and its own within the line, for test ids. */
export function positionOf(rows: LineRows[], actionId: string): { l: number; a: number } | null {
  for (const [l, r] of rows.entries()) {
    const a = r.actions.findIndex((x) => x.id === actionId);
    if (a >= 0) return { l, a };
  }
  return null;
}

/** What a row still lacks for the plan: the unit is needed to close the stage, the rest to draw it. */
export type Missing = 'responsible' | 'dates' | 'amount' | 'placement';

export interface RowSummary {
  missing: Missing[];
  /** Calendar months from start to end, both included, when both dates are given and in order. */
  months: number | null;
  partners: number;
}

/** Calendar months a span touches (15 April to 30 September: 6), as the core's plan counts them. */
export function monthsTouched(start: string, end: string): number | null {
  const s = /^(\d{4})-(\d{2})-\d{2}$/.exec(start);
  const e = /^(\d{4})-(\d{2})-\d{2}$/.exec(end);
  if (!s || !e || end < start) return null;
  return (Number(e[1]) - Number(s[1])) * 12 + (Number(e[2]) - Number(s[2])) + 1;
}

export function rowSummary(a: Action): RowSummary {
  const missing: Missing[] = [];
  if (a.responsible_unit.trim() === '') missing.push('responsible');
  if (!a.start_date || !a.end_date) missing.push('dates');
  if (a.amount === null) missing.push('amount');
  if (a.impact === null || a.feasibility === null) missing.push('placement');
  return {
    missing,
    months: a.start_date && a.end_date ? monthsTouched(a.start_date, a.end_date) : null,
    partners: a.partners.length,
  };
}

/** A line's amounts by currency (code order, no currency last): amounts in different currencies are never added. */
export function lineTotals(actions: Action[]): Money[] {
  const sums = new Map<string | null, number>();
  for (const a of actions) {
    if (a.amount !== null) sums.set(a.currency, (sums.get(a.currency) ?? 0) + a.amount);
  }
  return [...sums.entries()]
    .sort(([x], [y]) => (x === null ? 1 : y === null ? -1 : x.localeCompare(y)))
    .map(([currency, amount]) => ({ currency, amount }));
}

/** "1.500.000 CLP", or the bare number when no currency was given. */
export function moneyText(m: Money, language: Language): string {
  const n = formatNumber(m.amount, language, 2);
  return m.currency ? `${n} ${m.currency}` : n;
}

/** The titles of the actions that stop the stage from closing, in the matrix's order. */
export function withoutResponsibleTitles(board: Pick<ActionBoard, 'actions' | 'without_responsible'>): string[] {
  return board.actions.filter((a) => board.without_responsible.includes(a.id)).map((a) => a.title);
}

/** Where the room placed an action, if any ballot did. */
export function roomPlacement(board: Pick<ActionBoard, 'room'>, actionId: string): RoomPlacement | null {
  return board.room?.placements.find((p) => p.action === actionId) ?? null;
}

/** A partner list with `actor` in or out; the others keep their roles and order. */
export function togglePartner(partners: ActionInput['partners'], actor: string, on: boolean): ActionInput['partners'] {
  const others = partners.filter((p) => p.actor !== actor);
  return on ? [...others, { actor, role: partners.find((p) => p.actor === actor)?.role ?? '' }] : others;
}

/** The partner list with `actor`'s role changed. */
export function setPartnerRole(partners: ActionInput['partners'], actor: string, role: string): ActionInput['partners'] {
  return partners.map((p) => (p.actor === actor ? { ...p, role } : p));
}

/**
 * How a section changes the matrix: it runs one command that answers with the
 * whole board. Rejects with the core's error, for the section to show.
 */
export type ActionBoardEdit = (action: () => Promise<ActionBoard>) => Promise<void>;

/** What the rows and the detail view call to save a field as it is typed. */
export interface RowEditor {
  /** Texts typed in the action's cells and not saved yet (or refused), by action id. */
  texts: Record<string, ActionTexts>;
  /** Why the action's last edit was refused, by action id. */
  errors: Record<string, string>;
  /** The matrix is read only while the stage is closed. */
  locked: boolean;
  /** Keeps what is being typed, so a board arriving meanwhile does not wipe it. */
  type: (actionId: string, field: ActionField, text: string) => void;
  /** Saves the whole action with this field as typed. */
  change: (actionId: string, field: ActionField, text: string) => void;
  setPartners: (actionId: string, partners: ActionInput['partners']) => void;
}

/** The texts written so far, once each (case and spacing aside), in the order first written. */
export function distinct(texts: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const text of texts) {
    const key = text.trim().replace(/\s+/g, ' ').toLowerCase();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(text.trim());
  }
  return out;
}

/** A corner of the impact/feasibility 2×2. */
export type GridCorner = 'do_first' | 'plan_carefully' | 'quick_wins' | 'reconsider';

/** On the 1–5 scales 3 and above is high, as on the actor map. */
export const HIGH_PLACEMENT = 3;

/** The corner of an action placed on both scales; null while either is missing. */
export function gridCorner(impact: number | null, feasibility: number | null): GridCorner | null {
  if (impact === null || feasibility === null) return null;
  const high = (v: number) => v >= HIGH_PLACEMENT;
  if (high(impact)) return high(feasibility) ? 'do_first' : 'plan_carefully';
  return high(feasibility) ? 'quick_wins' : 'reconsider';
}

/** The actions in each corner, in the matrix's order, corners as drawn (high impact on top). */
export function gridCorners(actions: Action[]): { corner: GridCorner; actions: Action[] }[] {
  const corners: GridCorner[] = ['plan_carefully', 'do_first', 'reconsider', 'quick_wins'];
  return corners.map((corner) => ({
    corner,
    actions: actions.filter((a) => gridCorner(a.impact, a.feasibility) === corner),
  }));
}
