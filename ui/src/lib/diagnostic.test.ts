import { describe, expect, it } from 'vitest';
import {
  areaIndex,
  areaKey,
  cellEdit,
  cellText,
  defaultAreaKey,
  parseAreaKey,
  parseYear,
  periodFromKey,
  periodKey,
  resolveAreaKey,
  signed,
  verticalTarget,
  visibleIndicators,
} from './diagnostic';
import type { AreaInfo, GoalSheet, IndicatorSheet } from './types';

const TERRITORY = '0190a0c4-7b3e-7c2a-9d1e-3f4a5b6c7d8e';
const AREAS: AreaInfo[] = [
  { area: { kind: 'country', id: 'CL' }, name: 'Chile', country: 'CL' },
  { area: { kind: 'territory', id: TERRITORY }, name: 'Ninhue', country: 'CL' },
];

describe('areas', () => {
  it('encode as kind:id and decode back', () => {
    expect(areaKey({ kind: 'country', id: 'CL' })).toBe('country:CL');
    expect(areaKey({ kind: 'territory', id: TERRITORY })).toBe(`territory:${TERRITORY}`);
    expect(parseAreaKey(`territory:${TERRITORY}`)).toEqual({ kind: 'territory', id: TERRITORY });
    expect(parseAreaKey('country:CL')).toEqual({ kind: 'country', id: 'CL' });
  });

  it('refuse keys that name no area', () => {
    expect(parseAreaKey('')).toBeNull();
    expect(parseAreaKey('country:')).toBeNull();
    expect(parseAreaKey('region:8')).toBeNull();
    expect(parseAreaKey('CL')).toBeNull();
  });

  it('open on the first territory, and keep a choice the sheet still has', () => {
    expect(defaultAreaKey(AREAS)).toBe(`territory:${TERRITORY}`);
    expect(defaultAreaKey([AREAS[0]])).toBe('country:CL');
    expect(defaultAreaKey([])).toBe('');
    expect(resolveAreaKey(AREAS, 'country:CL')).toBe('country:CL');
    expect(resolveAreaKey(AREAS, 'territory:gone')).toBe(`territory:${TERRITORY}`);
    expect(areaIndex(AREAS, `territory:${TERRITORY}`)).toBe(1);
    expect(areaIndex(AREAS, 'country:AR')).toBe(-1);
  });
});

describe('period start', () => {
  it('is "first" or a year in the select', () => {
    expect(periodKey({ kind: 'first_observation' })).toBe('first');
    expect(periodKey({ kind: 'year', year: 1990 })).toBe('1990');
    expect(periodFromKey('1990')).toEqual({ kind: 'year', year: 1990 });
    expect(periodFromKey('first')).toEqual({ kind: 'first_observation' });
  });
});

describe('years', () => {
  it('are four digits within the years the core accepts', () => {
    expect(parseYear(' 2012 ')).toBe(2012);
    expect(parseYear('1949')).toBeNull();
    expect(parseYear('2101')).toBeNull();
    expect(parseYear('12')).toBeNull();
    expect(parseYear('2012.5')).toBeNull();
    expect(parseYear('')).toBeNull();
  });
});

describe('cells', () => {
  const obs = (value: number | null) => ({ year: 2009, value, source: 'DEIS' });

  it('show the number in the UI language and "not available" as its word, never 0', () => {
    expect(cellText(obs(16.8), 'es', 'n/d')).toBe('16,8');
    expect(cellText(obs(16.8), 'en', 'n/a')).toBe('16.8');
    expect(cellText(obs(1234.5), 'fr', 'n/d')).toBe('1234,5');
    expect(cellText(obs(null), 'es', 'n/d')).toBe('n/d');
    expect(cellText(undefined, 'es', 'n/d')).toBe('');
  });

  it('save only what changed', () => {
    expect(cellEdit('4,5', undefined)).toEqual({ kind: 'set', entry: { kind: 'number', value: 4.5 } });
    expect(cellEdit('16,8', obs(16.8))).toEqual({ kind: 'none' });
    expect(cellEdit('16.8', obs(16.8))).toEqual({ kind: 'none' });
    expect(cellEdit('n/d', obs(null))).toEqual({ kind: 'none' });
    expect(cellEdit('n/d', obs(3))).toEqual({ kind: 'set', entry: { kind: 'not_available' } });
    expect(cellEdit('0', obs(null))).toEqual({ kind: 'set', entry: { kind: 'number', value: 0 } });
  });

  it('clear a filled cell left empty, and do nothing for an empty one', () => {
    expect(cellEdit('', obs(3))).toEqual({ kind: 'clear' });
    expect(cellEdit('  ', undefined)).toEqual({ kind: 'none' });
  });

  it('refuse words', () => {
    expect(cellEdit('doce', undefined)).toEqual({ kind: 'invalid' });
    expect(cellEdit('1,2,3', obs(1))).toEqual({ kind: 'invalid' });
  });
});

describe('keyboard', () => {
  const rows = ['1.1', '1.2', '1.3', '2.1'];

  it('Enter goes to the next row and Shift+Enter to the previous one', () => {
    expect(verticalTarget(rows, '1.2', 1)).toBe('1.3');
    expect(verticalTarget(rows, '1.3', 1)).toBe('2.1');
    expect(verticalTarget(rows, '1.2', -1)).toBe('1.1');
  });

  it('stays put at either end or outside the grid', () => {
    expect(verticalTarget(rows, '2.1', 1)).toBeNull();
    expect(verticalTarget(rows, '1.1', -1)).toBeNull();
    expect(verticalTarget(rows, '9.9', 1)).toBeNull();
  });
});

describe('numbers', () => {
  it('write the sign of a gap', () => {
    expect(signed(7.9, 'es')).toBe('+7,9');
    expect(signed(-1.5, 'en')).toBe('−1.5');
    expect(signed(0, 'en')).toBe('0');
  });
});

describe('set-aside indicators', () => {
  const ind = (code: string, not_applicable: boolean) => ({ code, not_applicable }) as IndicatorSheet;
  const goal = { indicators: [ind('1.1', false), ind('1.2', true)] } as GoalSheet;

  it('are hidden unless asked for', () => {
    expect(visibleIndicators(goal, false).map((i) => i.code)).toEqual(['1.1']);
    expect(visibleIndicators(goal, true).map((i) => i.code)).toEqual(['1.1', '1.2']);
  });
});
