import { describe, expect, it } from 'vitest';
import { PRESENTER_KEYS, presenterAction } from './presenter';

const body = { tagName: 'BODY' };

describe('presenter keys', () => {
  it('map one letter to each action, either case', () => {
    expect(presenterAction({ key: 'r' }, body)).toBe('reveal');
    expect(presenterAction({ key: 'C' }, body)).toBe('close');
    expect(presenterAction({ key: 'n' }, body)).toBe('next');
    expect(presenterAction({ key: 'f' }, body)).toBe('fullscreen');
    expect(presenterAction({ key: 't' }, body)).toBe('table');
  });

  it('leave other keys, shortcuts and typing alone', () => {
    expect(presenterAction({ key: 'x' }, body)).toBeNull();
    expect(presenterAction({ key: 'r', ctrlKey: true }, body)).toBeNull();
    expect(presenterAction({ key: 'r' }, { tagName: 'INPUT' })).toBeNull();
  });

  it('are all in the legend', () => {
    expect(PRESENTER_KEYS.map((k) => k.key)).toEqual(['R', 'C', 'N', 'F', 'T']);
  });
});
