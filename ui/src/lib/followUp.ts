// The Follow-up screen's reading of the board (crates/core/src/actions/follow_up.rs):
// what stands out as an alert, the program in date order, and a follow-up session
// as typed — checked here first, so a refused row is named before anything is sent.
import { parseNumber } from './actions';
import type {
  Action,
  ActionState,
  ActionStatus,
  CheckpointState,
  CheckpointStatus,
  FollowUpBoard,
  Review,
  StatusInput,
} from './types';

export const STATUSES: ActionStatus[] = ['not_started', 'in_progress', 'done', 'dropped'];

/** A shape beside every status and state, so none is told by colour alone. */
export const STATUS_ICON: Record<ActionStatus, string> = {
  not_started: '○',
  in_progress: '◐',
  done: '✓',
  dropped: '✕',
};
export const CHECKPOINT_ICON: Record<CheckpointState, string> = {
  upcoming: '◷',
  reached: '✓',
  missed: '⚠',
  waived: '–',
};

/** A change of the board: the command is called with the "as of" date it is computed for. */
export type FollowUpEdit = (call: (today: string) => Promise<FollowUpBoard>) => Promise<void>;

/** A day as the machine's calendar shows it, `YYYY-MM-DD`. */
export function localDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Whether a date box holds a whole calendar day. */
export function isDay(text: string): boolean {
  return DAY.test(text) && !Number.isNaN(utc(text)) && new Date(utc(text)).toISOString().startsWith(text);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

// ---- Alerts ----

export interface OverdueAlert {
  action: string;
  title: string;
  endDate: string;
  daysLate: number;
  responsible: string;
  status: ActionStatus;
}

export interface MissedAlert {
  checkpoint: string;
  action: string;
  title: string;
  date: string;
  daysLate: number;
  expected: number;
  unit: string;
}

/** Overdue actions in the matrix's order, then missed checkpoints in date order. */
export function alerts(
  board: FollowUpBoard,
  actions: Pick<Action, 'id' | 'responsible_unit' | 'indicator_unit'>[],
): { overdue: OverdueAlert[]; missed: MissedAlert[] } {
  const today = board.state.today;
  const byId = new Map(actions.map((a) => [a.id, a]));
  const titles = new Map(board.state.actions.map((a) => [a.action, a.title]));
  const overdue = board.state.actions
    .filter((a) => board.state.overdue.includes(a.action) && a.end_date)
    .map((a) => ({
      action: a.action,
      title: a.title,
      endDate: a.end_date ?? '',
      daysLate: daysBetween(a.end_date ?? today, today),
      responsible: byId.get(a.action)?.responsible_unit ?? '',
      status: a.status,
    }));
  const missed = board.state.checkpoints
    .filter((c) => board.state.missed.includes(c.checkpoint.id))
    .map((c) => ({
      checkpoint: c.checkpoint.id,
      action: c.checkpoint.action,
      title: titles.get(c.checkpoint.action) ?? '',
      date: c.checkpoint.date,
      daysLate: daysBetween(c.checkpoint.date, today),
      expected: c.checkpoint.expected,
      unit: byId.get(c.checkpoint.action)?.indicator_unit ?? '',
    }));
  return { overdue, missed };
}

// ---- The program ----

/** Reviews in date order; those of one date keep the stored order. */
export function reviewsByDate(reviews: Review[]): Review[] {
  return reviews
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.date === b.r.date ? a.i - b.i : a.r.date < b.r.date ? -1 : 1))
    .map((e) => e.r);
}

export interface CheckpointRow extends CheckpointStatus {
  title: string;
  unit: string;
}

/** Checkpoints in date order (as the core gives them), with their action's title and unit. */
export function checkpointRows(
  board: FollowUpBoard,
  actions: Pick<Action, 'id' | 'indicator_unit'>[],
): CheckpointRow[] {
  const units = new Map(actions.map((a) => [a.id, a.indicator_unit]));
  const titles = new Map(board.state.actions.map((a) => [a.action, a.title]));
  return board.state.checkpoints.map((c) => ({
    ...c,
    title: titles.get(c.checkpoint.action) ?? '',
    unit: units.get(c.checkpoint.action) ?? '',
  }));
}

// ---- Status ----

/** How full an action's progress bar is: its percent in progress, all of it once done. */
export function progressOf(a: Pick<ActionState, 'status' | 'percent'>): number {
  if (a.status === 'done') return 100;
  if (a.status === 'in_progress') return a.percent ?? 0;
  return 0;
}

/** The update a mistake can be withdrawn from: the latest one shown. */
export function withdrawable(a: Pick<ActionState, 'history'>): string | null {
  return a.history.at(-1)?.id ?? null;
}

// ---- A follow-up session ----

/** One action's row of the session form, as typed. */
export interface SessionRow {
  status: ActionStatus;
  percent: string;
  comment: string;
  value: string;
}

/** A row starts from the action's current status, so only a change needs typing. */
export function startRow(a: Pick<ActionState, 'status' | 'percent'>): SessionRow {
  return {
    status: a.status,
    percent: a.status === 'in_progress' && a.percent !== null ? String(a.percent) : '',
    comment: '',
    value: '',
  };
}

/** Whether the row says something new about the action's status: a change, or a comment. */
export function statusChanged(row: SessionRow, a: Pick<ActionState, 'status' | 'percent'>): boolean {
  const start = startRow(a);
  return (
    row.status !== start.status ||
    (row.status === 'in_progress' && row.percent.trim() !== start.percent) ||
    row.comment.trim() !== ''
  );
}

/** Why a row was refused: a locale key and its parameters. */
export interface RowError {
  /** The box that holds what was refused. */
  field: 'percent' | 'value';
  key: string;
  params: Record<string, string | number>;
}

export interface SessionPlan {
  inputs: StatusInput[];
  readings: { action: string; value: number }[];
  /** By action id; the session is sent only when there are none. */
  errors: Record<string, RowError>;
}

/**
 * What a session records: a status for each row that says something new (the
 * percent only for an action in progress, 0–100 as the core requires), and a
 * value for each row where one was typed.
 */
export function sessionPlan(
  actions: Pick<ActionState, 'action' | 'status' | 'percent'>[],
  rows: Record<string, SessionRow>,
  sessionDate: string,
): SessionPlan {
  const plan: SessionPlan = { inputs: [], readings: [], errors: {} };
  for (const a of actions) {
    const row = rows[a.action] ?? startRow(a);
    let percent: number | null = null;
    if (row.status === 'in_progress' && row.percent.trim() !== '') {
      const text = row.percent.trim().replace(/\s*%$/, '');
      if (!/^-?\d+$/.test(text)) {
        plan.errors[a.action] = { field: 'percent', key: 'follow_up.session.bad_percent', params: { value: row.percent.trim() } };
        continue;
      }
      percent = Number(text);
      if (percent < 0 || percent > 100) {
        plan.errors[a.action] = { field: 'percent', key: 'error.percent_out_of_range', params: { percent } };
        continue;
      }
    }
    let value: number | null = null;
    if (row.value.trim() !== '') {
      const parsed = parseNumber(row.value);
      if (!parsed.ok || parsed.value === null) {
        plan.errors[a.action] = { field: 'value', key: 'follow_up.session.bad_value', params: { value: row.value.trim() } };
        continue;
      }
      value = parsed.value;
    }
    if (statusChanged(row, a)) {
      plan.inputs.push({
        action: a.action,
        session_date: sessionDate,
        status: row.status,
        percent,
        comment: row.comment.trim(),
      });
    }
    if (value !== null) plan.readings.push({ action: a.action, value });
  }
  return plan;
}
