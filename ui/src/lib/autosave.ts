// Every edit is saved at once: there is no Save button. An edit is sent after
// `delay` ms of quiet, or at once on `flush` (a field left, a choice made, the
// screen closed). Saves run one after the other, in order. "Saved" is shown only
// when the newest edit has been committed, never for an older one still racing.

export type SaveStatus =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved' }
  | { state: 'error'; reason: string };

export interface AutosaveOptions<S> {
  delay: number;
  /** Reads what to save, when the save is decided (not when it runs). */
  capture: () => S;
  save: (snapshot: S) => Promise<unknown>;
  status: (status: SaveStatus) => void;
  /** The reason to show when the core refuses an edit. */
  describe: (error: unknown) => string;
}

export interface Autosave {
  /** Something was edited: save once the typing stops. */
  touch(): void;
  /** Save a pending edit now. */
  flush(): void;
  /** Resolves once every save decided so far has finished. */
  settled(): Promise<void>;
}

export function autosave<S>(o: AutosaveOptions<S>): Autosave {
  let revision = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let queue: Promise<void> = Promise.resolve();

  function run() {
    timer = undefined;
    const mine = revision;
    const snapshot = o.capture();
    queue = queue.then(async () => {
      try {
        await o.save(snapshot);
        if (mine === revision && timer === undefined) o.status({ state: 'saved' });
      } catch (e) {
        if (mine === revision) o.status({ state: 'error', reason: o.describe(e) });
      }
    });
  }

  return {
    touch() {
      revision += 1;
      o.status({ state: 'saving' });
      clearTimeout(timer);
      timer = setTimeout(run, o.delay);
    },
    flush() {
      if (timer === undefined) return;
      clearTimeout(timer);
      run();
    },
    settled: () => queue,
  };
}
