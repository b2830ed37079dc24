import { describe, expect, it } from 'vitest';
import { browserLanguage, translator, type Table } from './i18n';

const tables: Record<'es' | 'en' | 'pt' | 'fr', Table> = {
  es: { only_es: 'solo', both: 'ambos', n: '{n} votos', n_one: '1 voto' },
  en: { both: 'both', only_en: 'only' },
  pt: {},
  fr: { both: 'les deux' },
};

describe('phone texts', () => {
  it('speak the chosen language', () => {
    expect(translator('fr', tables)('both')).toBe('les deux');
  });

  it('fall back to english, then spanish, then the key', () => {
    const t = translator('pt', tables);
    expect(t('both')).toBe('both');
    expect(t('only_es')).toBe('solo');
    expect(t('no.such.key')).toBe('no.such.key');
  });

  it('use the singular text for one', () => {
    const t = translator('es', tables);
    expect(t('n', { n: 1 })).toBe('1 voto');
    expect(t('n', { n: 3 })).toBe('3 votos');
  });

  it('come from the shared locale files, in four languages', () => {
    expect(translator('es')('received')).toBe('Su voto fue recibido ✓');
    expect(translator('fr')('error.code_used')).toContain('utilisé');
    expect(translator('pt')('phones', { n: 7 })).toBe('7 celulares conectados');
    expect(translator('en')('error.network')).toContain('retrying');
  });

  it('name every error the server sends', () => {
    const codes = ['bad_pin', 'not_joined', 'question_closed', 'no_such_question', 'invalid_answer',
      'bad_code', 'code_used', 'rate_limited', 'body_too_large', 'malformed', 'network', 'rating_out_of_scale'];
    for (const l of ['es', 'en', 'pt', 'fr'] as const) {
      const t = translator(l);
      expect(codes.filter((c) => t(`error.${c}`) === `error.${c}`), l).toEqual([]);
    }
  });

  it("follow the phone's language before joining", () => {
    expect(browserLanguage(['fr-HT', 'en'])).toBe('fr');
    expect(browserLanguage(['ht', 'pt-BR'])).toBe('pt');
    expect(browserLanguage(['de-DE'])).toBeUndefined();
  });
});
