import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { autosave, type SaveStatus } from './autosave';

describe('autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(save: (value: string) => Promise<unknown>) {
    let value = '';
    const statuses: SaveStatus['state'][] = [];
    const saver = autosave({
      delay: 400,
      capture: () => value,
      save,
      status: (s) => statuses.push(s.state),
      describe: (e) => String(e),
    });
    return {
      saver,
      statuses,
      type: (v: string) => {
        value = v;
        saver.touch();
      },
    };
  }

  it('saves once the typing stops, with the last value', async () => {
    const save = vi.fn(async () => {});
    const { saver, statuses, type } = setup(save);
    type('T');
    type('Ta');
    type('Taller');
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(400);
    await saver.settled();
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith('Taller');
    expect(statuses.at(-1)).toBe('saved');
  });

  it('a flush saves at once; nothing is saved twice', async () => {
    const save = vi.fn(async () => {});
    const { saver, type } = setup(save);
    type('Taller');
    saver.flush();
    await saver.settled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('never says saved while a newer edit is waiting', async () => {
    let finish: () => void = () => {};
    const save = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const { saver, statuses, type } = setup(save);
    type('Tall');
    await vi.advanceTimersByTimeAsync(400); // first save in flight
    type('Taller'); // typed while the first save runs
    finish();
    await Promise.resolve();
    await Promise.resolve();
    expect(statuses.at(-1)).toBe('saving');
    await vi.advanceTimersByTimeAsync(400);
    finish();
    await saver.settled();
    expect(save).toHaveBeenLastCalledWith('Taller');
    expect(statuses.at(-1)).toBe('saved');
  });

  it('says why the core refused the newest edit', async () => {
    const { saver, statuses, type } = setup(async (v) => {
      if (v === '') throw new Error('title_empty');
    });
    type('');
    saver.flush();
    await saver.settled();
    expect(statuses.at(-1)).toBe('error');
    type('Taller');
    saver.flush();
    await saver.settled();
    expect(statuses.at(-1)).toBe('saved');
  });
});
