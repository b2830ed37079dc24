// The one place that talks to the laptop (docs/lan-api.yaml). Every call resolves
// to a Result instead of throwing, so callers decide what a failure means: a
// `network` failure (status 0) or a 5xx means nothing was stored and the request
// may be repeated.
import type { BallotInput, Joined, Result, State } from './types';

/** A laptop that stopped answering must not leave the page waiting for minutes. */
const TIMEOUT_MS = 10000;

async function request<T>(method: string, path: string, token?: string, body?: unknown): Promise<Result<T>> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  // AbortController is newer than fetch on Android; without it the request is only abandoned.
  const abort = typeof AbortController === 'function' ? new AbortController() : undefined;
  let timer = 0;
  const timeout = new Promise<null>((resolve) => {
    timer = window.setTimeout(() => {
      if (abort) abort.abort();
      resolve(null);
    }, TIMEOUT_MS);
  });
  try {
    const call = fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      signal: abort ? abort.signal : undefined,
    });
    const res = await Promise.race([call, timeout]);
    if (!res) return fail('network', 0);
    const data: unknown = await res.json().catch(() => null);
    // The contract answers 200 and nothing else on success: a ballot counts as sent only then.
    if (res.status === 200) return { ok: true, value: data as T };
    const code = data && typeof (data as { code?: unknown }).code === 'string' ? (data as { code: string }).code : '';
    return fail(code || `http_${res.status}`, res.status);
  } catch {
    return fail('network', 0);
  } finally {
    clearTimeout(timer);
  }
}

const fail = (code: string, status: number) => ({ ok: false as const, error: { code, status } });

export const join = (pin: string, name: string) =>
  request<Joined>('POST', '/api/join', undefined, name ? { pin, name } : { pin });

export const getState = (token: string) => request<State>('GET', '/api/state', token);

export const postBallot = (token: string, ballot: BallotInput) =>
  request<{ client_ballot_id: string; replaced: boolean }>('POST', '/api/ballots', token, ballot);

/**
 * Listens to `state` events until closed. On any error the stream is closed and
 * `onError` called: the caller reconnects with its own backoff rather than the
 * browser's fixed retry, and learns from GET /api/state whether the token still works.
 */
export function listen(token: string, onState: (s: State) => void, onError: () => void): () => void {
  const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  source.addEventListener('state', (e) => {
    let state: State;
    try {
      state = JSON.parse((e as MessageEvent<string>).data) as State;
    } catch {
      return; // A damaged event: the next one carries the whole state again.
    }
    onState(state);
  });
  source.onerror = () => {
    source.close();
    onError();
  };
  return () => source.close();
}
