import { describe, expect, it } from 'vitest';
import {
  alerts,
  checkpointRows,
  daysBetween,
  isDay,
  localDay,
  progressOf,
  reviewsByDate,
  sessionPlan,
  startRow,
  statusChanged,
  withdrawable,
} from './followUp';
import type { ActionState, FollowUpBoard, StatusUpdate } from './types';

function state(action: string, over: Partial<ActionState> = {}): ActionState {
  return {
    action,
    title: `Acción ${action}`,
    end_date: null,
    status: 'not_started',
    percent: null,
    latest: null,
    history: [],
    overdue: false,
    readings: [],
    ...over,
  };
}

function update(id: string, action: string): StatusUpdate {
  return {
    id,
    action,
    session_date: '2026-05-01',
    review: null,
    status: 'in_progress',
    percent: 30,
    comment: '',
    recorded_at: '2026-05-01T18:00:00Z',
  };
}

const board: FollowUpBoard = {
  reviews: [],
  checkpoints: [],
  program: [],
  state: {
    today: '2026-05-10',
    actions: [
      state('a', { end_date: '2026-04-30', overdue: true, status: 'in_progress', percent: 40 }),
      state('b', { end_date: '2026-12-31' }),
    ],
    overdue: ['a'],
    checkpoints: [
      {
        checkpoint: { id: 'c1', action: 'b', date: '2026-05-01', expected: 40 },
        state: 'missed',
        reading: null,
        on_target: null,
      },
      {
        checkpoint: { id: 'c2', action: 'a', date: '2026-06-01', expected: 60 },
        state: 'upcoming',
        reading: null,
        on_target: null,
      },
    ],
    missed: ['c1'],
  },
};

const actions = [
  { id: 'a', responsible_unit: 'Dirección de Salud', indicator_unit: '%' },
  { id: 'b', responsible_unit: 'Planificación', indicator_unit: 'controles' },
];

describe('dates', () => {
  it('counts the days between two calendar days across a month end', () => {
    expect(daysBetween('2026-04-30', '2026-05-10')).toBe(10);
    expect(daysBetween('2026-05-10', '2026-05-10')).toBe(0);
  });

  it('accepts only a real calendar day as a date', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('')).toBe(false);
  });

  it('writes the machine day as year, month and day', () => {
    expect(localDay(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});

describe('alerts', () => {
  it('names each overdue action with its end date, days late and responsible unit', () => {
    expect(alerts(board, actions).overdue).toEqual([
      {
        action: 'a',
        title: 'Acción a',
        endDate: '2026-04-30',
        daysLate: 10,
        responsible: 'Dirección de Salud',
        status: 'in_progress',
      },
    ]);
  });

  it('lists only the missed checkpoints with their action and how long ago they were due', () => {
    const { missed } = alerts(board, actions);
    expect(missed.map((m) => [m.checkpoint, m.title, m.daysLate, m.unit])).toEqual([
      ['c1', 'Acción b', 9, 'controles'],
    ]);
  });
});

describe('the program', () => {
  it('puts reviews in date order and keeps the stored order within a day', () => {
    const r = (id: string, date: string) => ({ id, date, title: id, notes: '' });
    const sorted = reviewsByDate([r('x', '2026-06-01'), r('y', '2026-05-01'), r('z', '2026-06-01')]);
    expect(sorted.map((s) => s.id)).toEqual(['y', 'x', 'z']);
  });

  it('gives each checkpoint its action title and indicator unit', () => {
    expect(checkpointRows(board, actions).map((c) => [c.title, c.unit, c.state])).toEqual([
      ['Acción b', 'controles', 'missed'],
      ['Acción a', '%', 'upcoming'],
    ]);
  });
});

describe('status', () => {
  it('fills the bar with the percent in progress and entirely once done', () => {
    expect(progressOf({ status: 'in_progress', percent: 40 })).toBe(40);
    expect(progressOf({ status: 'done', percent: null })).toBe(100);
    expect(progressOf({ status: 'dropped', percent: null })).toBe(0);
  });

  it('offers to withdraw only the latest update', () => {
    expect(withdrawable(state('a', { history: [update('u1', 'a'), update('u2', 'a')] }))).toBe('u2');
    expect(withdrawable(state('a'))).toBeNull();
  });
});

describe('a follow-up session', () => {
  const a = board.state.actions[0];
  const b = board.state.actions[1];

  it('starts each row from the current status and percent', () => {
    expect(startRow(a)).toEqual({ status: 'in_progress', percent: '40', comment: '', value: '' });
    expect(startRow(b)).toEqual({ status: 'not_started', percent: '', comment: '', value: '' });
  });

  it('counts a row as new only when its status or percent changed or it has a comment', () => {
    expect(statusChanged(startRow(a), a)).toBe(false);
    expect(statusChanged({ ...startRow(a), percent: '60' }, a)).toBe(true);
    expect(statusChanged({ ...startRow(b), comment: 'Sin novedad' }, b)).toBe(true);
    expect(statusChanged({ ...startRow(b), status: 'done' }, b)).toBe(true);
  });

  it('records only the rows that say something new, with the percent only in progress', () => {
    const plan = sessionPlan(
      board.state.actions,
      {
        a: { status: 'done', percent: '40', comment: ' Terminada ', value: '' },
        b: { status: 'not_started', percent: '', comment: '', value: '' },
      },
      '2026-06-10',
    );
    expect(plan.errors).toEqual({});
    expect(plan.inputs).toEqual([
      { action: 'a', session_date: '2026-06-10', status: 'done', percent: null, comment: 'Terminada' },
    ]);
    expect(plan.readings).toEqual([]);
  });

  it('records a new indicator value typed with a decimal comma even when the status is unchanged', () => {
    const plan = sessionPlan(board.state.actions, { b: { ...startRow(b), value: '12,5' } }, '2026-06-10');
    expect(plan.inputs).toEqual([]);
    expect(plan.readings).toEqual([{ action: 'b', value: 12.5 }]);
  });

  it('refuses a percent beyond 100 with the core reason and names the row', () => {
    const plan = sessionPlan(board.state.actions, { b: { ...startRow(b), status: 'in_progress', percent: '120' } }, 'x');
    expect(plan.errors).toEqual({ b: { field: 'percent', key: 'error.percent_out_of_range', params: { percent: 120 } } });
  });

  it('refuses a percent or a value that is not a number', () => {
    const plan = sessionPlan(
      board.state.actions,
      {
        a: { ...startRow(a), percent: 'mitad' },
        b: { ...startRow(b), value: 'mucho' },
      },
      '2026-06-10',
    );
    expect(plan.errors.a.key).toBe('follow_up.session.bad_percent');
    expect(plan.errors.b).toEqual({ field: 'value', key: 'follow_up.session.bad_value', params: { value: 'mucho' } });
  });

  it('accepts a percent written with its sign', () => {
    const plan = sessionPlan(board.state.actions, { a: { ...startRow(a), percent: '75 %' } }, '2026-06-10');
    expect(plan.inputs[0].percent).toBe(75);
  });
});
