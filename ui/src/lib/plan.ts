// The Management Plan and the Agenda of Commitments as the Plan tab shows them:
// the months of the timeline, where each action's bar falls, the actions that
// cannot be drawn, and the commitments as the screen sends them back.
// Dates are calendar days (YYYY-MM-DD); months are counted as the core counts
// them (crates/core/src/actions/plan.rs): both ends included.
import type { Commitment, CommitmentInput, Language, ManagementPlan, PlanAction, PlanLine, Span } from './types';

const LOCALES: Record<Language, string> = { es: 'es-419', en: 'en', pt: 'pt-BR', fr: 'fr-HT' };

/** A month as one number: year × 12 + month (0–11). */
export function monthIndex(iso: string): number {
  const [year, month] = iso.split('-').map(Number);
  return year * 12 + (month - 1);
}

export interface MonthColumn {
  /** 'YYYY-MM' */
  key: string;
  /** The month's short name in the UI language: "ene.", "Jan". */
  label: string;
  /** Written under January and under the first column, so the year is always read. */
  year: number | null;
}

/** One column per calendar month the plan touches, from its first to its last. */
export function monthColumns(span: Span, language: Language): MonthColumn[] {
  const format = new Intl.DateTimeFormat(LOCALES[language], { month: 'short', timeZone: 'UTC' });
  const first = monthIndex(span.start);
  const last = monthIndex(span.end);
  const columns: MonthColumn[] = [];
  for (let i = first; i <= last; i++) {
    const year = Math.floor(i / 12);
    const month = (i % 12) + 1;
    columns.push({
      key: `${year}-${String(month).padStart(2, '0')}`,
      label: format.format(new Date(Date.UTC(year, month - 1, 1))),
      year: i === first || month === 1 ? year : null,
    });
  }
  return columns;
}

/** Label every n-th month so that at most `most` labels share the axis. */
export function labelStep(columns: number, most = 12): number {
  return Math.max(1, Math.ceil(columns / most));
}

/** Where an action's bar falls, in month columns from the start of the plan. */
export interface BarPlace {
  first: number;
  count: number;
}

export function barPlace(action: Span, plan: Span): BarPlace {
  return { first: monthIndex(action.start) - monthIndex(plan.start), count: action.months };
}

export interface GanttBar {
  /** The action's position within its line, as in the action matrix. */
  a: number;
  action: PlanAction;
  place: BarPlace;
  /** Top of the action's row. */
  y: number;
}

export interface GanttBand {
  /** The line's position in the plan, as in the action matrix. */
  l: number;
  line: PlanLine;
  /** Top of the band (its title row). */
  y: number;
  height: number;
  bars: GanttBar[];
}

/**
 * The bands of the timeline from `top` down: a title row per strategic line,
 * then a row per dated action. Lines without dated actions keep their title row,
 * so every line of the matrix is seen.
 */
export function ganttBands(
  plan: ManagementPlan,
  top: number,
  titleRow: number,
  actionRow: number,
): { bands: GanttBand[]; bottom: number } {
  let y = top;
  const bands: GanttBand[] = [];
  plan.lines.forEach((line, l) => {
    const start = y;
    y += titleRow;
    const bars: GanttBar[] = [];
    line.actions.forEach((action, a) => {
      if (!action.span || !plan.span) return;
      bars.push({ a, action, place: barPlace(action.span, plan.span), y });
      y += actionRow;
    });
    bands.push({ l, line, y: start, height: y - start, bars });
  });
  return { bands, bottom: y };
}

export interface UnscheduledAction {
  l: number;
  a: number;
  line: string;
  action: PlanAction;
}

/** The actions that cannot go on the timeline: a date is missing (or the end is before the start). */
export function unscheduled(plan: ManagementPlan): UnscheduledAction[] {
  return plan.lines.flatMap((line, l) =>
    line.actions.flatMap((action, a) => (action.span ? [] : [{ l, a, line: line.title, action }])),
  );
}

/** Every action of the plan, in the matrix's order, with its line's title. */
export function planRows(plan: ManagementPlan): { l: number; a: number; line: string; action: PlanAction }[] {
  return plan.lines.flatMap((line, l) => line.actions.map((action, a) => ({ l, a, line: line.title, action })));
}

/** The plan has at least one amount to total. */
export function hasAmounts(plan: ManagementPlan): boolean {
  return plan.by_currency.length > 0;
}

/** A text cut to `most` characters with an ellipsis, for labels drawn on the chart. */
export function clip(text: string, most: number): string {
  const chars = [...text];
  return chars.length <= most ? text : `${chars.slice(0, most - 1).join('').trimEnd()}…`;
}

/**
 * Runs an edit of the agenda for row `row` (null: the new commitment): true when
 * saved; when refused the agenda shows the reason and the row keeps what was typed.
 */
export type CommitmentEdit = (job: () => Promise<Commitment[]>, row: number | null) => Promise<boolean>;

/** A commitment as the screen sends it back, for an edit of one of its fields. */
export function commitmentInput(c: Commitment): CommitmentInput {
  return { who: c.who, institution: c.institution, what: c.what, due: c.due, action: c.action };
}

/** A blank commitment for the "new commitment" row. */
export function blankCommitment(): CommitmentInput {
  return { who: '', institution: '', what: '', due: null, action: null };
}

/** What a date input holds, as the core reads it: '' for none. */
export function dueOf(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/** The last part of a path, with / or \ separators. */
export function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? path : path.slice(cut + 1);
}
