// Pure helpers behind the forms: kept out of components so they can be tested.
import type {
  Country,
  Language,
  Participant,
  ParticipantInput,
  Workshop,
  WorkshopInput,
} from './types';

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

/** Width of a bar as a percentage of the largest count (0 when all are 0). */
export function barPercent(count: number, counts: number[]): number {
  const max = Math.max(0, ...counts);
  return max === 0 ? 0 : Math.round((count / max) * 100);
}

/** Calls `fn` once input has been quiet for `ms`; `flush` runs a pending call now. */
export function debounce(fn: () => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        fn();
      }, ms);
    },
    flush() {
      if (timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
        fn();
      }
    },
  };
}
