import { describe, expect, it } from 'vitest';
import {
  applyTexts,
  distinct,
  gridCorner,
  gridCorners,
  fieldText,
  forgetSaved,
  inputOf,
  lineTotals,
  monthsTouched,
  moneyText,
  newActionInput,
  parseAmount,
  parseDay,
  parseNumber,
  parsePlacement,
  positionOf,
  roomPlacement,
  rowSummary,
  rowsByLine,
  setPartnerRole,
  togglePartner,
  withoutResponsibleTitles,
} from './actions';
import type { Action, RoomVote } from './types';

function action(id: string, line: string, more: Partial<Action> = {}): Action {
  return {
    ...newActionInput(line, `Acción ${id}`, 'CLP'),
    id,
    line,
    updated_at: '2026-04-14T10:00:00Z',
    ...more,
  } as Action;
}

const lines = [
  { id: 'L1', title: 'Salud materna' },
  { id: 'L2', title: 'Registro' },
  { id: 'L3', title: 'Sin acciones aún' },
];

describe('the input an edit sends', () => {
  it('keeps every field of the saved action so an edit of one cell changes nothing else', () => {
    const a = action('a', 'L1', {
      goal: 'Controles prenatales',
      responsible_unit: 'Depto. de Salud',
      partners: [{ actor: 'x', role: 'médicos' }],
      start_date: '2026-04-01',
      amount: 1500000,
      impact: 4,
      indicator_code: '5.5',
    });
    const input = inputOf(a);
    expect(input).not.toHaveProperty('id');
    expect(input).not.toHaveProperty('updated_at');
    expect(input.goal).toBe('Controles prenatales');
    expect(input.partners).toEqual([{ actor: 'x', role: 'médicos' }]);
    expect(input.indicator_code).toBe('5.5');
    expect(input.impact).toBe(4);
  });

  it('does not share the partner list with the board, so editing it leaves the board as it was', () => {
    const a = action('a', 'L1', { partners: [{ actor: 'x', role: '' }] });
    inputOf(a).partners[0].role = 'changed';
    expect(a.partners[0].role).toBe('');
  });

  it('starts a new action in its line with a trimmed title and the plan currency', () => {
    const input = newActionInput('L2', '  Ronda médica ', 'MXN');
    expect(input.line).toBe('L2');
    expect(input.title).toBe('Ronda médica');
    expect(input.currency).toBe('MXN');
    expect(input.responsible_unit).toBe('');
  });

  it('puts typed texts in their fields, reading numbers, dates, choices and placements', () => {
    const base = inputOf(action('a', 'L1'));
    const applied = applyTexts(
      base,
      {
        title: 'Casa de espera',
        amount: '1.500.000',
        start_date: '2026-05-01',
        end_date: '',
        currency: ' usd ',
        area: '',
        impact: '5',
        feasibility: '',
        baseline_value: '12,5',
      },
      'es',
    );
    expect(applied).toEqual({
      ok: true,
      input: {
        ...base,
        title: 'Casa de espera',
        amount: 1500000,
        start_date: '2026-05-01',
        end_date: null,
        currency: 'usd',
        area: null,
        impact: 5,
        feasibility: null,
        baseline_value: 12.5,
      },
    });
  });

  it('names the field whose number cannot be read and sends nothing', () => {
    const applied = applyTexts(inputOf(action('a', 'L1')), { title: 'x', amount: 'mucho' }, 'es');
    expect(applied).toEqual({ ok: false, field: 'amount', text: 'mucho' });
  });

  it('lets a negative amount through for the core to refuse with its reason', () => {
    const applied = applyTexts(inputOf(action('a', 'L1')), { amount: '-10' }, 'es');
    expect(applied.ok && applied.input.amount).toBe(-10);
  });
});

describe('an amount as people write money', () => {
  it('is empty when nothing is typed', () => {
    expect(parseAmount('  ', 'es')).toEqual({ ok: true, value: null });
  });

  it('reads thousands marks of any kind when there are several groups', () => {
    expect(parseAmount('1.500.000', 'en')).toEqual({ ok: true, value: 1500000 });
    expect(parseAmount('1,500,000', 'es')).toEqual({ ok: true, value: 1500000 });
    expect(parseAmount('1 500 000', 'fr')).toEqual({ ok: true, value: 1500000 });
    expect(parseAmount('1\u202f500\u202f000', 'fr')).toEqual({ ok: true, value: 1500000 });
  });

  it('reads one mark before three digits as the language groups thousands', () => {
    expect(parseAmount('1.500', 'es')).toEqual({ ok: true, value: 1500 });
    expect(parseAmount('1.500', 'en')).toEqual({ ok: true, value: 1.5 });
    expect(parseAmount('1,500', 'en')).toEqual({ ok: true, value: 1500 });
    expect(parseAmount('1,500', 'pt')).toEqual({ ok: true, value: 1.5 });
  });

  it('reads decimals with both marks and a leading dollar sign', () => {
    expect(parseAmount('1.500,50', 'es')).toEqual({ ok: true, value: 1500.5 });
    expect(parseAmount('1,500.50', 'es')).toEqual({ ok: true, value: 1500.5 });
    expect(parseAmount('$ 2.000', 'es')).toEqual({ ok: true, value: 2000 });
  });

  it('reads back what the cell shows in every language', () => {
    const a = action('a', 'L1', { amount: 1234567.5 });
    for (const language of ['es', 'en', 'pt', 'fr'] as const) {
      expect(parseAmount(fieldText(a, 'amount', language), language)).toEqual({ ok: true, value: 1234567.5 });
    }
  });

  it('is not a number when it holds words', () => {
    expect(parseAmount('dos millones', 'es')).toEqual({ ok: false });
  });
});

describe('the other boxes of a row', () => {
  it('read an indicator value with either decimal mark, and n/d as none', () => {
    expect(parseNumber('12,5')).toEqual({ ok: true, value: 12.5 });
    expect(parseNumber('n/d')).toEqual({ ok: true, value: null });
    expect(parseNumber('doce')).toEqual({ ok: false });
  });

  it('send a date as typed and an empty one as none', () => {
    expect(parseDay(' 2026-04-01 ')).toBe('2026-04-01');
    expect(parseDay('')).toBeNull();
  });

  it('read a placement from its select, empty as none', () => {
    expect(parsePlacement('3')).toBe(3);
    expect(parsePlacement('')).toBeNull();
  });

  it('show what was saved, an absent value as an empty box', () => {
    const a = action('a', 'L1', { amount: 2000000, impact: 4, currency: null });
    expect(fieldText(a, 'amount', 'es')).toBe('2.000.000');
    expect(fieldText(a, 'impact', 'es')).toBe('4');
    expect(fieldText(a, 'currency', 'es')).toBe('');
    expect(fieldText(a, 'title', 'es')).toBe('Acción a');
  });
});

describe('after a save', () => {
  it('forgets the texts that were sent and keeps one typed again meanwhile', () => {
    const sent = { title: 'A', amount: '10' };
    expect(forgetSaved({ title: 'A', amount: '20', risks: 'lluvias' }, sent)).toEqual({
      amount: '20',
      risks: 'lluvias',
    });
  });
});

describe('the matrix by strategic line', () => {
  const actions = [action('a', 'L1'), action('b', 'L2'), action('c', 'L1')];

  it('groups the actions under their lines in order and keeps a line without actions', () => {
    const rows = rowsByLine({ lines, actions });
    expect(rows.map((r) => r.actions.map((a) => a.id))).toEqual([['a', 'c'], ['b'], []]);
  });

  it('finds an action by its line and its place within the line', () => {
    const rows = rowsByLine({ lines, actions });
    expect(positionOf(rows, 'c')).toEqual({ l: 0, a: 1 });
    expect(positionOf(rows, 'b')).toEqual({ l: 1, a: 0 });
    expect(positionOf(rows, 'zz')).toBeNull();
  });

  it('totals each currency apart with the amounts without a currency last', () => {
    const totals = lineTotals([
      action('a', 'L1', { amount: 100, currency: 'USD' }),
      action('b', 'L1', { amount: 50, currency: null }),
      action('c', 'L1', { amount: 1000, currency: 'CLP' }),
      action('d', 'L1', { amount: 200, currency: 'USD' }),
      action('e', 'L1', { amount: null, currency: 'EUR' }),
    ]);
    expect(totals).toEqual([
      { currency: 'CLP', amount: 1000 },
      { currency: 'USD', amount: 300 },
      { currency: null, amount: 50 },
    ]);
    expect(moneyText(totals[1], 'en')).toBe('300 USD');
    expect(moneyText(totals[2], 'en')).toBe('50');
  });

  it('names the actions without a responsible unit in the matrix order', () => {
    expect(withoutResponsibleTitles({ actions, without_responsible: ['c', 'a'] })).toEqual(['Acción a', 'Acción c']);
  });

  it('finds where the room placed an action, and nothing before the room voted', () => {
    const room: RoomVote = {
      question: { id: 'q', state: 'closed', revealed: false, ballots: 3 },
      placements: [{ action: 'b', impact: 0.5, feasibility: 1, impact_1_5: 3, feasibility_1_5: 5, n: 3 }],
    };
    expect(roomPlacement({ room }, 'b')?.feasibility_1_5).toBe(5);
    expect(roomPlacement({ room }, 'a')).toBeNull();
    expect(roomPlacement({ room: null }, 'b')).toBeNull();
  });
});

describe('a row summary', () => {
  it('lists what an empty action still lacks, the responsible unit first', () => {
    expect(rowSummary(action('a', 'L1')).missing).toEqual(['responsible', 'dates', 'amount', 'placement']);
  });

  it('counts the calendar months the action touches, both ends included', () => {
    const a = action('a', 'L1', {
      responsible_unit: 'Salud',
      start_date: '2026-04-15',
      end_date: '2026-09-30',
      amount: 0,
      impact: 3,
      feasibility: 2,
      partners: [{ actor: 'x', role: '' }],
    });
    expect(rowSummary(a)).toEqual({ missing: [], months: 6, partners: 1 });
    expect(monthsTouched('2026-12-01', '2027-01-31')).toBe(2);
    expect(monthsTouched('2026-05-01', '2026-04-01')).toBeNull();
  });
});

describe('the partners of an action', () => {
  const partners = [
    { actor: 'x', role: 'médicos' },
    { actor: 'y', role: '' },
  ];

  it('gain an actor at the end and lose one without touching the others', () => {
    expect(togglePartner(partners, 'z', true)).toEqual([...partners, { actor: 'z', role: '' }]);
    expect(togglePartner(partners, 'x', false)).toEqual([{ actor: 'y', role: '' }]);
  });

  it('change one role only', () => {
    expect(setPartnerRole(partners, 'y', 'sede')).toEqual([
      { actor: 'x', role: 'médicos' },
      { actor: 'y', role: 'sede' },
    ]);
  });
});

describe('the impact and feasibility 2×2', () => {
  it('puts each action in its corner, the middle of the scale counting as high', () => {
    expect(gridCorner(5, 5)).toBe('do_first');
    expect(gridCorner(3, 3)).toBe('do_first');
    expect(gridCorner(4, 2)).toBe('plan_carefully');
    expect(gridCorner(2, 4)).toBe('quick_wins');
    expect(gridCorner(1, 1)).toBe('reconsider');
  });

  it('leaves an action out until it is placed on both scales', () => {
    expect(gridCorner(4, null)).toBeNull();
    const corners = gridCorners([
      action('a', 'L1', { impact: 5, feasibility: 5 }),
      action('b', 'L1', { impact: 4, feasibility: null }),
      action('c', 'L1', { impact: 1, feasibility: 5 }),
    ]);
    expect(corners.map((c) => [c.corner, c.actions.map((a) => a.id)])).toEqual([
      ['plan_carefully', []],
      ['do_first', ['a']],
      ['reconsider', []],
      ['quick_wins', ['c']],
    ]);
  });
});

describe('the units and sources offered while typing', () => {
  it('are each written once, as first written, empty ones left out', () => {
    expect(distinct(['Depto. de Salud', ' depto.  de salud ', '', 'DIDECO'])).toEqual(['Depto. de Salud', 'DIDECO']);
  });
});
