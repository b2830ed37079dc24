import { describe, expect, it } from 'vitest';
import { barPercent, blankParticipant, splitNames, sortedCountries, toInput, workshopDays } from './forms';
import { COUNTRIES, countryName } from './countries';
import type { Workshop } from './types';

const workshop: Workshop = {
  id: 'w',
  title: 'Taller',
  start_date: '2026-04-14',
  end_date: '2026-04-15',
  language: 'es',
  facilitators: ['Ana'],
  territories: [{ id: 't1', name: 'Quirihue', level: 'municipality', country: 'CL' }],
  agenda: [{ id: 'a1', title: 'Diálogo', stage: 'relevance', minutes: 90 }],
  is_example: false,
  archived: false,
  created_at: '',
  updated_at: '',
};

describe('workshop days', () => {
  it('lists every day from start to end', () => {
    expect(workshopDays('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });
  it('is empty for a bad date or an end before the start', () => {
    expect(workshopDays('mañana', '2026-03-01')).toEqual([]);
    expect(workshopDays('2026-03-02', '2026-03-01')).toEqual([]);
  });
});

describe('forms', () => {
  it('a new participant starts in the only territory, attending every day', () => {
    const p = blankParticipant(workshop);
    expect(p.territory_id).toBe('t1');
    expect(p.attendance).toEqual(['2026-04-14', '2026-04-15']);
    expect(p.consent_listed).toBe(false);
  });

  it('the edit form starts from the workshop as it is, ids kept', () => {
    const input = toInput(workshop);
    expect(input.territories[0].id).toBe('t1');
    expect(input.agenda[0].minutes).toBe(90);
  });

  it('splits facilitator names on commas and lines', () => {
    expect(splitNames(' Ana Pérez, José\nMaría ,, ')).toEqual(['Ana Pérez', 'José', 'María']);
  });

  it('bars are relative to the largest count', () => {
    expect(barPercent(5, [5, 10, 0])).toBe(50);
    expect(barPercent(0, [0, 0])).toBe(0);
  });
});

describe('countries', () => {
  it('has the 33 countries of the region, named in the UI language', () => {
    expect(COUNTRIES).toHaveLength(33);
    expect(countryName('HT', 'fr')).toBe('Haïti');
    expect(countryName('BR', 'pt')).toBe('Brasil');
  });
  it('sorts by the localized name, accents aside', () => {
    const names = sortedCountries(COUNTRIES, 'es').map((c) => c.name.es);
    expect(names.indexOf('Haití')).toBeLessThan(names.indexOf('Honduras'));
    expect(names[0]).toBe('Antigua y Barbuda');
  });
});
