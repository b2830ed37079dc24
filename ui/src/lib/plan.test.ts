import { describe, expect, it } from 'vitest';
import {
  barPlace,
  baseName,
  blankCommitment,
  clip,
  commitmentInput,
  dueOf,
  ganttBands,
  hasAmounts,
  labelStep,
  monthColumns,
  monthIndex,
  planRows,
  unscheduled,
} from './plan';
import type { ManagementPlan, PlanAction, Span } from './types';

function act(id: string, span: Span | null, more: Partial<PlanAction> = {}): PlanAction {
  return {
    action: id,
    title: `Acción ${id}`,
    responsible_unit: 'Dirección de Salud',
    span,
    amount: null,
    currency: null,
    funding_source: '',
    ...more,
  };
}

const apr: Span = { start: '2026-04-15', end: '2026-09-30', months: 6 };
const jan: Span = { start: '2027-01-01', end: '2027-02-28', months: 2 };

function plan(): ManagementPlan {
  return {
    lines: [
      { line: 'l1', title: 'Salud materna', actions: [act('a', apr), act('b', null)], span: apr, totals: [] },
      { line: 'l2', title: 'Agua', actions: [act('c', jan)], span: jan, totals: [] },
      { line: 'l3', title: 'Sin acciones fechadas', actions: [act('d', null)], span: null, totals: [] },
    ],
    span: { start: '2026-04-15', end: '2027-02-28', months: 11 },
    unscheduled: ['b', 'd'],
    by_source: [],
    by_currency: [],
    responsibilities: [],
  };
}

describe('the months of the timeline', () => {
  it('counts months as year times twelve plus the month', () => {
    expect(monthIndex('2027-01-31') - monthIndex('2026-12-01')).toBe(1);
  });

  it('gives one column per month touched, both ends included, in the UI language', () => {
    const columns = monthColumns(apr, 'en');
    expect(columns.map((c) => c.key)).toEqual(['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']);
    expect(columns[0].label).toBe('Apr');
    expect(monthColumns(apr, 'es')[0].label.toLowerCase()).toContain('abr');
  });

  it('writes the year under the first month and under every January', () => {
    const columns = monthColumns({ start: '2026-11-01', end: '2027-02-01', months: 4 }, 'fr');
    expect(columns.map((c) => c.year)).toEqual([2026, null, 2027, null]);
  });

  it('labels every month of a short plan and thins the labels of a long one', () => {
    expect(labelStep(12)).toBe(1);
    expect(labelStep(18)).toBe(2);
    expect(labelStep(60)).toBe(5);
  });
});

describe('the bars of the timeline', () => {
  it('places a bar from its first month for as many months as it touches', () => {
    expect(barPlace(jan, plan().span!)).toEqual({ first: 9, count: 2 });
  });

  it('gives every line a title row and every dated action a row below it', () => {
    const { bands, bottom } = ganttBands(plan(), 40, 30, 50);
    expect(bands.map((b) => [b.l, b.y, b.height])).toEqual([
      [0, 40, 80],
      [1, 120, 80],
      [2, 200, 30],
    ]);
    expect(bands[0].bars.map((b) => [b.a, b.y])).toEqual([[0, 70]]);
    expect(bands[1].bars[0].place).toEqual({ first: 9, count: 2 });
    expect(bottom).toBe(230);
  });

  it('lists apart the actions without both dates, keeping their place in the matrix', () => {
    expect(unscheduled(plan()).map((u) => [u.l, u.a, u.action.action, u.line])).toEqual([
      [0, 1, 'b', 'Salud materna'],
      [2, 0, 'd', 'Sin acciones fechadas'],
    ]);
  });

  it('lists every action of the plan in the matrix order for the table', () => {
    expect(planRows(plan()).map((r) => `${r.l}-${r.a}:${r.action.action}`)).toEqual(['0-0:a', '0-1:b', '1-0:c', '2-0:d']);
  });

  it('cuts a long label with an ellipsis and leaves a short one alone', () => {
    expect(clip('Campaña de vacunación', 40)).toBe('Campaña de vacunación');
    expect(clip('Campaña de vacunación casa por casa', 12)).toBe('Campaña de…');
  });
});

describe('the totals', () => {
  it('shows totals only once the plan has an amount', () => {
    expect(hasAmounts(plan())).toBe(false);
    expect(hasAmounts({ ...plan(), by_currency: [{ currency: 'CLP', amount: 10 }] })).toBe(true);
  });
});

describe('the agenda of commitments', () => {
  it('sends a commitment back with its fields and without the printed action title', () => {
    expect(
      commitmentInput({
        id: 'c1',
        who: 'Ana Pérez',
        institution: 'Municipio',
        what: 'Convocar la mesa',
        due: '2026-06-30',
        action: 'a',
        action_title: 'Acción a',
      }),
    ).toEqual({ who: 'Ana Pérez', institution: 'Municipio', what: 'Convocar la mesa', due: '2026-06-30', action: 'a' });
  });

  it('starts a new commitment blank', () => {
    expect(blankCommitment()).toEqual({ who: '', institution: '', what: '', due: null, action: null });
  });

  it('reads an emptied date input as no due date', () => {
    expect(dueOf('')).toBeNull();
    expect(dueOf('2026-07-01')).toBe('2026-07-01');
  });
});

describe('the written files', () => {
  it('names a written file by the last part of its path on any system', () => {
    expect(baseName('/home/ana/Cabildo/actions.csv')).toBe('actions.csv');
    expect(baseName('C:\\Users\\ana\\plan.xlsx')).toBe('plan.xlsx');
  });
});
