import { describe, expect, it } from 'vitest';
import {
  adoptNewIds,
  blankParticipant,
  cleanParticipant,
  cleanWorkshopInput,
  isoDay,
  participantInput,
  splitNames,
  sortedCountries,
  toInput,
  workshopDays,
} from './forms';
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

  it('sends no blank facilitator and whole minutes', () => {
    const input = toInput(workshop);
    input.facilitators = ['  Ana ', '', '   '];
    input.agenda[0].minutes = null as unknown as number; // an emptied number field
    input.agenda.push({ id: null, title: 'Cierre', stage: 'other', minutes: 12.6 });
    const clean = cleanWorkshopInput(input);
    expect(clean.facilitators).toEqual(['Ana']);
    expect(clean.agenda.map((a) => a.minutes)).toEqual([0, 13]);
    expect(input.facilitators).toHaveLength(3); // the form itself keeps what was typed
  });

  it('an emptied e-mail or phone is not given, not an empty text', () => {
    const p = { ...blankParticipant(workshop), email: '  ', phone: '', attendance: ['2026-04-15', '2026-04-14'] };
    const clean = cleanParticipant(p);
    expect(clean.email).toBeNull();
    expect(clean.phone).toBeNull();
    expect(clean.attendance).toEqual(['2026-04-14', '2026-04-15']);
    expect(cleanParticipant({ ...p, email: ' ana@muni.cl ' }).email).toBe('ana@muni.cl');
  });

  it('the participant form starts from the person as registered', () => {
    const p = {
      ...blankParticipant(workshop),
      name: 'Ana',
      id: 'p1',
      workshop_id: 'w',
      created_at: '',
      updated_at: '',
    };
    const input = participantInput(p);
    expect(input).not.toHaveProperty('id');
    expect(input.name).toBe('Ana');
  });

  it('today is the local calendar day', () => {
    expect(isoDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('ids of new rows', () => {
  const same = (a: { name: string }, b: { name: string }) => a.name === b.name;

  it('new rows take the ids the core created, matched by content', () => {
    const rows = [
      { id: 't1', name: 'Quirihue' },
      { id: null, name: 'Ninhue' },
      { id: null, name: 'Cobquecura' },
    ];
    const saved = [
      { id: 't1', name: 'Quirihue' },
      { id: 't3', name: 'Cobquecura' },
      { id: 't2', name: 'Ninhue' },
    ];
    adoptNewIds(rows, saved, same);
    expect(rows.map((r) => r.id)).toEqual(['t1', 't2', 't3']);
  });

  it('falls back to order when the row changed while it was saved', () => {
    const rows = [{ id: null as string | null, name: 'Ninhue y alrededores' }];
    adoptNewIds(rows, [{ id: 't9', name: 'Ninhue' }], same);
    expect(rows[0].id).toBe('t9');
  });

  it('leaves a row without id when the core did not keep it', () => {
    const rows = [{ id: 't1', name: 'A' }, { id: null as string | null, name: 'B' }];
    adoptNewIds(rows, [{ id: 't1', name: 'A' }], same);
    expect(rows[1].id).toBeNull();
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
