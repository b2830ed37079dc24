import { describe, expect, it } from 'vitest';
import { createStore, newBallotId, type KeyValue } from './store';
import type { BallotInput } from './types';

/** localStorage as a plain map that outlives the store, like the browser's across a reload. */
function fakeStorage(): KeyValue & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const ballot: BallotInput = {
  question_id: 'q1',
  client_ballot_id: 'b1',
  answer: { points: { a: 60, b: 40 } },
};

describe('store', () => {
  it('keeps a pending ballot across a reload', () => {
    const storage = fakeStorage();
    createStore(storage).setPending(ballot);
    const reloaded = createStore(storage);
    expect(reloaded.pending()).toEqual(ballot);
    reloaded.setPending(null);
    expect(createStore(storage).pending()).toBeNull();
  });

  it('keeps the device token and the chosen language', () => {
    const storage = fakeStorage();
    const store = createStore(storage);
    store.setJoined({ device_token: 't', workshop_title: 'Itata', language: 'es' });
    store.setLanguage('fr');
    expect(createStore(storage).joined()?.device_token).toBe('t');
    expect(createStore(storage).language()).toBe('fr');
  });

  it('ignores what it did not write', () => {
    const storage = fakeStorage();
    storage.data.set('cabildo.phone.pending', '{not json');
    storage.data.set('cabildo.phone.language', '"de"');
    storage.data.set('cabildo.phone.joined', '{"token": 1}');
    const store = createStore(storage);
    expect([store.pending(), store.language(), store.joined()]).toEqual([null, null, null]);
  });

  it('still works when the browser refuses storage', () => {
    const broken: KeyValue = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => undefined,
    };
    const store = createStore(broken);
    expect(() => store.setPending(ballot)).not.toThrow();
    expect(store.pending()).toBeNull();
    expect(createStore(null).joined()).toBeNull();
  });
});

describe('newBallotId', () => {
  it('is new every time and fits the contract (at most 64 characters)', () => {
    const ids = new Set(Array.from({ length: 100 }, newBallotId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});
