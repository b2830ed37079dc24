import { describe, expect, it } from 'vitest';
import es from '../../../assets/locales/es.json';
import { LANGUAGES, flatten, interpolate, tables, translate } from './i18n.svelte';

const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locale files', () => {
  it('spanish, the default, and english carry the same keys', () => {
    expect(Object.keys(tables.en).sort()).toEqual(Object.keys(tables.es).sort());
  });

  it('portuguese and french carry every key too', () => {
    for (const l of ['pt', 'fr'] as const) {
      expect(Object.keys(tables.es).filter((k) => !(k in tables[l]))).toEqual([]);
    }
  });

  it('every translation keeps the placeholders of the spanish text', () => {
    for (const l of LANGUAGES) {
      for (const [key, text] of Object.entries(tables.es)) {
        expect([key, params(tables[l][key] ?? text)]).toEqual([key, params(text)]);
      }
    }
  });

  it('names every gender, sector, level and stage the core knows', () => {
    for (const key of ['gender.not_stated', 'sector.public_administration', 'level.association', 'stage.prioritization']) {
      expect(tables.es[key]).toBeTruthy();
    }
  });

  it('flattens nested keys with dots', () => {
    expect(Object.keys(flatten(es)).length).toBeGreaterThan(100);
    expect(flatten({ a: { b: 'x' } })).toEqual({ 'a.b': 'x' });
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{n} de {m}', { n: 3 })).toBe('3 de {m}');
  });

  it('falls back to the key when no language has it', () => {
    expect(translate('fr', 'no.such.key')).toBe('no.such.key');
  });

  it('speaks spanish with accents', () => {
    expect(translate('es', 'participants.by_gender')).toBe('Por género');
    expect(translate('fr', 'error.bundle_tampered')).toContain('modifié');
  });
});
