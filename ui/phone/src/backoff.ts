// When to try again after a failed request or a dropped event stream. The delay
// doubles from 1 s up to 30 s; half of it is random so that a hundred phones that
// lost the Wi-Fi together do not all knock on the laptop in the same instant.
import type { Failure } from './types';

const FIRST_MS = 1000;
const MAX_MS = 30000;

/** Milliseconds to wait before try number `attempt` + 1 (attempt 0 is the first retry). */
export function backoffDelay(attempt: number, random = Math.random()): number {
  const base = Math.min(MAX_MS, FIRST_MS * Math.pow(2, Math.max(0, attempt)));
  return Math.round(base / 2 + (base / 2) * random);
}

/**
 * Whether a failed request may simply be repeated: no answer at all, a server error
 * (5xx) or "too many requests" (429) mean nothing was stored. Any other refusal
 * would only be refused again.
 */
export function shouldRetry(f: Failure): boolean {
  return f.status === 0 || f.status >= 500 || f.status === 429;
}
