import { describe, expect, it } from 'vitest';
import es from '../../../assets/locales/es.json';
import { LANGUAGES, errorText, flatten, interpolate, tables, translate } from './i18n.svelte';
import { AGE_BANDS, GENDERS, LEVELS, SECTORS, STAGES } from './vocabulary';

// The same text the Rust core reads with include_str!.
const raw = import.meta.glob('../../../assets/locales/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** The error codes the core sends, with the params each one carries. */
const CORE_ERRORS: Record<string, string[]> = {
  title_empty: [],
  no_territory: [],
  territory_name_empty: [],
  unknown_country: ['country'],
  end_before_start: [],
  bad_date: ['value'],
  agenda_title_empty: [],
  agenda_minutes: ['minutes'],
  name_empty: [],
  unknown_territory: [],
  attendance_outside_workshop: ['date'],
  bad_email: ['value'],
  territory_in_use: ['name'],
  not_found: ['what'],
  database_newer: ['found', 'supported'],
  database: ['detail'],
  io: ['detail'],
  bundle_damaged: ['detail'],
  bundle_tampered: [],
  bundle_bad_signature: [],
  bundle_too_large: ['limit', 'size'],
  bundle_newer_format: ['found', 'supported'],
  bundle_unknown_device: ['device', 'fingerprint'],
  bundle_key_mismatch: ['device'],
  token_unknown: [],
  token_taken: [],
  read_only: [],
  bad_hub_url: ['url'],
  sync_failed: ['detail'],
  csv_header: ['detail'],
  csv_value: ['column', 'value'],
  invalid_input: ['detail'],
  pdf: ['detail'],
  unknown_indicator: ['code'],
  year_out_of_range: ['year'],
  not_a_number: ['value'],
  target_source_empty: [],
  rating_out_of_scale: ['max', 'min', 'value'],
  duplicate_row: ['line'],
  invalid_answer: ['detail'],
  question_closed: [],
  bad_code: [],
  code_used: [],
  paper_keyed_twice: [],
  unknown_paper_ballot: [],
  question_prompt_empty: [],
  question_options: [],
  weights_not_hundred: ['sum'],
  unknown_subject: ['code'],
  pairwise_out_of_scale: ['value'],
  vester_value_out_of_range: ['value'],
  cause_influences_itself: [],
  cause_label_empty: [],
  criterion_label_empty: [],
  nothing_to_score: [],
  line_title_empty: [],
  action_title_empty: [],
  action_ends_before_start: ['end', 'start'],
  negative_amount: ['amount'],
  unknown_currency: ['currency'],
  capacity_out_of_range: ['value'],
  percent_out_of_range: ['percent'],
  percent_not_in_progress: ['status'],
  status_not_latest: [],
  action_without_responsible: ['actions'],
  actor_name_empty: [],
  area_label_empty: [],
  commitment_incomplete: [],
  no_decision: [],
  target_not_prioritized: ['code'],
  nothing_to_place: [],
};

const REPORT_KEYS = [
  'title', 'territories', 'country', 'dates', 'facilitators', 'participants_summary', 'by_gender',
  'by_sector', 'by_territory', 'total', 'participant_list', 'listed_note', 'page', 'example_data',
  'name', 'institution', 'sector', 'territory', 'role', 'gender', 'agenda', 'minutes', 'stage',
  'generated',
];

const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locale files', () => {
  it('are the four languages, each valid JSON objects of texts', () => {
    const names = Object.keys(raw).map((p) => p.split('/').pop()).sort();
    expect(names).toEqual(['en.json', 'es.json', 'fr.json', 'pt.json']);
    for (const [path, text] of Object.entries(raw)) {
      const tree = JSON.parse(text);
      expect(typeof tree, path).toBe('object');
      for (const value of Object.values(flatten(tree))) expect(typeof value, path).toBe('string');
    }
  });

  it('have no empty text', () => {
    for (const l of LANGUAGES) {
      expect(Object.entries(tables[l]).filter(([, v]) => v.trim() === '')).toEqual([]);
    }
  });

  it('explain every error the core sends, with exactly its params', () => {
    for (const [code, names] of Object.entries(CORE_ERRORS)) {
      for (const l of LANGUAGES) {
        const text = tables[l][`error.${code}`];
        expect(text, `${l} error.${code}`).toBeTruthy();
        expect(params(text).filter((p) => !names.includes(p)), `${l} error.${code}`).toEqual([]);
      }
    }
  });

  it('hold every text the PDF report needs', () => {
    for (const l of LANGUAGES) {
      expect(REPORT_KEYS.filter((k) => !tables[l][`report.${k}`])).toEqual([]);
    }
    expect(params(tables.es['report.page'])).toEqual(['page', 'pages']);
    expect(params(tables.es['report.listed_note'])).toEqual(['hidden']);
    expect(params(tables.es['report.generated'])).toEqual(['date']);
  });

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

  it('names every gender, sector, level, stage and age band the core knows', () => {
    const keys = [
      ...GENDERS.map((k) => `gender.${k}`),
      ...SECTORS.map((k) => `sector.${k}`),
      ...LEVELS.map((k) => `level.${k}`),
      ...STAGES.map((k) => `stage.${k}`),
      ...AGE_BANDS.map((k) => `age_band.${k}`),
    ];
    for (const l of LANGUAGES) expect(keys.filter((k) => !tables[l][k]), l).toEqual([]);
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

describe('plurals and errors', () => {
  it('uses the singular text when there is one', () => {
    expect(translate('es', 'home.participants', { n: 1 })).toBe('1 participante');
    expect(translate('es', 'home.participants', { n: 12 })).toBe('12 participantes');
    expect(translate('en', 'export.pages', { n: 1 })).toBe('1 page');
  });

  it('shows a core error in the UI language, with its params', () => {
    const text = errorText({ code: 'unknown_country', message: 'unknown country XX', params: { country: 'XX' } });
    expect(text).toContain('XX');
    expect(text).not.toContain('{country}');
    expect(text).not.toBe('unknown country XX');
  });

  it('falls back to the core message for a code no locale knows', () => {
    expect(errorText({ code: 'brand_new', message: 'Something new happened', params: {} })).toBe(
      'Something new happened',
    );
    expect(errorText('plain text from Tauri')).toBe('plain text from Tauri');
  });
});
