import { describe, expect, it } from 'vitest';
import { fold, parseDecimal } from './decimal';
import { tables } from './i18n.svelte';

const num = (value: number) => ({ ok: true, entry: { kind: 'number', value } });
const na = { ok: true, entry: { kind: 'not_available' } };
const empty = { ok: true, entry: null };
const refused = { ok: false };

// The same cases as the tests of crates/core/src/decimal.rs, and a few more.
describe('parseDecimal', () => {
  it('reads the decimal comma and the decimal point the same', () => {
    expect(parseDecimal('12,5')).toEqual(num(12.5));
    expect(parseDecimal('12.5')).toEqual(num(12.5));
    expect(parseDecimal(' 7 ')).toEqual(num(7));
    expect(parseDecimal('-0,25')).toEqual(num(-0.25));
    expect(parseDecimal('+3')).toEqual(num(3));
    expect(parseDecimal(',5')).toEqual(num(0.5));
    expect(parseDecimal('5.')).toEqual(num(5));
  });

  it('reads thousands marks by which mark comes last', () => {
    expect(parseDecimal('1.234,5')).toEqual(num(1234.5));
    expect(parseDecimal('1,234.5')).toEqual(num(1234.5));
    expect(parseDecimal('1 234,5')).toEqual(num(1234.5));
    expect(parseDecimal('1.234.567,5')).toEqual(num(1234567.5));
    expect(parseDecimal('1\u00a0234,5')).toEqual(num(1234.5));
    expect(parseDecimal('1\u202f234,5')).toEqual(num(1234.5));
  });

  it('ignores a percent sign', () => {
    expect(parseDecimal('45,2 %')).toEqual(num(45.2));
    expect(parseDecimal('45%')).toEqual(num(45));
  });

  it('takes not available as a state and empty as nothing', () => {
    expect(parseDecimal('n/d')).toEqual(na);
    expect(parseDecimal('...')).toEqual(na);
    expect(parseDecimal('Sin dato')).toEqual(na);
    expect(parseDecimal(' N/A ')).toEqual(na);
    expect(parseDecimal('-')).toEqual(na);
    expect(parseDecimal('—')).toEqual(na);
    expect(parseDecimal('Não disponível')).toEqual(na);
    expect(parseDecimal('sin_datos')).toEqual(na);
    expect(parseDecimal('')).toEqual(empty);
    expect(parseDecimal('   ')).toEqual(empty);
    expect(parseDecimal('%')).toEqual(empty);
  });

  it('refuses words and broken numbers', () => {
    expect(parseDecimal('doce')).toEqual(refused);
    expect(parseDecimal('1,2,3')).toEqual(refused);
    expect(parseDecimal('NaN')).toEqual(refused);
    expect(parseDecimal('inf')).toEqual(refused);
    expect(parseDecimal('Infinity')).toEqual(refused);
    expect(parseDecimal('1e999')).toEqual(refused);
    expect(parseDecimal('0x10')).toEqual(refused);
    expect(parseDecimal('.')).toEqual(refused);
    expect(parseDecimal('1-2')).toEqual(refused);
    expect(parseDecimal('12\t5')).toEqual(refused);
  });

  it('reads back the "not available" word of every interface language', () => {
    for (const table of Object.values(tables)) {
      expect(parseDecimal(table['diagnostic.not_available'])).toEqual(na);
    }
  });
});

describe('fold', () => {
  it('lowercases, drops accents and turns underscores into spaces', () => {
    expect(fold('  Não_Disponível ')).toBe('nao disponivel');
    expect(fold('sin  dato')).toBe('sin dato');
  });
});
