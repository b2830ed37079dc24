// What the page keeps in localStorage so that a reload, or a phone that slept,
// carries on where it was: the device token (with the workshop it joined), the
// chosen language, the ballot not yet acknowledged, and the last acknowledged one
// (to show "received" again; `state` events do not carry my_ballot).
import { isLanguage } from './i18n';
import type { Answer, BallotInput, Joined, Language } from './types';

/** The part of localStorage used here, so tests can pass a plain object. */
export type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** An acknowledged answer, kept to show it back. */
export interface Sent {
  question_id: string;
  answer: Answer;
}

const KEYS = {
  joined: 'cabildo.phone.joined',
  language: 'cabildo.phone.language',
  pending: 'cabildo.phone.pending',
  sent: 'cabildo.phone.sent',
};

export function createStore(storage: KeyValue | null) {
  // A disabled or full storage (private browsing) must not stop the vote: the
  // page then simply forgets on reload.
  const read = <T>(key: string, valid: (x: unknown) => boolean): T | null => {
    try {
      const raw = storage?.getItem(key);
      const value: unknown = raw ? JSON.parse(raw) : null;
      return valid(value) ? (value as T) : null;
    } catch {
      return null;
    }
  };
  const write = (key: string, value: unknown) => {
    try {
      if (value === null) storage?.removeItem(key);
      else storage?.setItem(key, JSON.stringify(value));
    } catch {
      // Not remembered; the page still works until it is reloaded.
    }
  };

  return {
    joined: () => read<Joined>(KEYS.joined, (x) => hasString(x, 'device_token')),
    setJoined: (j: Joined | null) => write(KEYS.joined, j),
    language: () => read<Language>(KEYS.language, isLanguage),
    setLanguage: (l: Language) => write(KEYS.language, l),
    pending: () => read<BallotInput>(KEYS.pending, (x) => hasString(x, 'client_ballot_id')),
    setPending: (b: BallotInput | null) => write(KEYS.pending, b),
    sent: () => read<Sent>(KEYS.sent, (x) => hasString(x, 'question_id')),
    setSent: (s: Sent | null) => write(KEYS.sent, s),
  };
}

export type Store = ReturnType<typeof createStore>;

function hasString(x: unknown, key: string): boolean {
  return typeof x === 'object' && x !== null && typeof (x as Record<string, unknown>)[key] === 'string';
}

/**
 * A new client_ballot_id. crypto.randomUUID is missing on old browsers and on any
 * page served over plain http (the LAN page is), so the id is built from
 * getRandomValues, or Math.random on the oldest WebViews: it only has to tell this
 * phone's ballots apart.
 */
export function newBallotId(): string {
  const bytes = new Uint8Array(16);
  const c = typeof crypto !== 'undefined' ? crypto : undefined;
  if (c && c.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += (bytes[i] + 0x100).toString(16).slice(1);
  return hex;
}
