// Pure helpers behind the forms: kept out of components so they can be tested.
import type {
  Country,
  Language,
  Participant,
  ParticipantInput,
  Workshop,
  WorkshopInput,
} from './types';

/** The date of `now` in local time, as YYYY-MM-DD (toISOString would give UTC's). */
export function isoDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Every day from start to end (YYYY-MM-DD), at most 31; none if either is not a date. */
export function workshopDays(start: string, end: string): string[] {
  const from = Date.parse(`${start}T00:00:00Z`);
  const to = Date.parse(`${end}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to)) return [];
  const days: string[] = [];
  for (let d = from; d <= to && days.length < 31; d += 86_400_000) {
    days.push(new Date(d).toISOString().slice(0, 10));
  }
  return days;
}

export function toInput(w: Workshop): WorkshopInput {
  return {
    title: w.title,
    start_date: w.start_date,
    end_date: w.end_date,
    language: w.language,
    facilitators: [...w.facilitators],
    territories: w.territories.map((t) => ({ ...t })),
    agenda: w.agenda.map((a) => ({ ...a })),
  };
}

export function splitNames(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function blankParticipant(w: Workshop): ParticipantInput {
  return {
    name: '',
    gender: 'not_stated',
    sector: 'municipality',
    institution: '',
    territory_id: w.territories.length === 1 ? w.territories[0].id : null,
    role: '',
    age_band: null,
    email: null,
    phone: null,
    consent_listed: false,
    attendance: workshopDays(w.start_date, w.end_date),
  };
}

export function participantInput(p: Participant): ParticipantInput {
  return {
    name: p.name,
    gender: p.gender,
    sector: p.sector,
    institution: p.institution,
    territory_id: p.territory_id,
    role: p.role,
    age_band: p.age_band,
    email: p.email,
    phone: p.phone,
    consent_listed: p.consent_listed,
    attendance: [...p.attendance],
  };
}

/** Countries sorted by their name in the UI language, accents and case aside. */
export function sortedCountries(all: Country[], language: Language): Country[] {
  return [...all].sort((a, b) => a.name[language].localeCompare(b.name[language], language));
}

/**
 * What the Details form sends: blank facilitator lines dropped, minutes as whole
 * numbers (an emptied number field reads as null; the core then explains the range).
 */
export function cleanWorkshopInput(input: WorkshopInput): WorkshopInput {
  return {
    ...input,
    facilitators: input.facilitators.map((f) => f.trim()).filter((f) => f.length > 0),
    territories: input.territories.map((x) => ({ ...x })),
    agenda: input.agenda.map((a) => ({ ...a, minutes: Math.round(Number(a.minutes) || 0) })),
  };
}

const blankToNull = (s: string | null) => (s === null || s.trim() === '' ? null : s.trim());

/** What the participant form sends: empty optional fields are "not given", not "". */
export function cleanParticipant(p: ParticipantInput): ParticipantInput {
  return {
    ...p,
    territory_id: p.territory_id || null,
    age_band: p.age_band || null,
    email: blankToNull(p.email),
    phone: blankToNull(p.phone),
    attendance: [...p.attendance].sort(),
  };
}

/**
 * Gives the rows the form added (id null) the ids the core just created for them.
 * A row is matched with a new row of the same content first, else by order; rows
 * the core did not return keep null and are created again on the next save.
 */
export function adoptNewIds<R extends { id: string | null }, S extends { id: string }>(
  rows: R[],
  saved: S[],
  same: (row: R, savedRow: S) => boolean,
): void {
  const known = new Set(rows.map((r) => r.id));
  const fresh = saved.filter((s) => !known.has(s.id));
  const waiting = rows.filter((r) => r.id === null);
  for (const row of waiting) {
    const i = fresh.findIndex((s) => same(row, s));
    if (i >= 0) row.id = fresh.splice(i, 1)[0].id;
  }
  for (const row of waiting) {
    const next = row.id === null ? fresh.shift() : undefined;
    if (next) row.id = next.id;
  }
}
