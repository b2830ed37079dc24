import { describe, expect, it } from 'vitest';
import { backoffDelay, shouldRetry } from './backoff';

describe('backoffDelay', () => {
  it('doubles from one second while the laptop stays out of reach', () => {
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, 1))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('never waits more than thirty seconds', () => {
    expect(backoffDelay(5, 1)).toBe(30000);
    expect(backoffDelay(50, 1)).toBe(30000);
  });

  it('spreads the phones over the second half of each step', () => {
    expect(backoffDelay(0, 0)).toBe(500);
    expect(backoffDelay(3, 0)).toBe(4000);
    expect(backoffDelay(3, 0.5)).toBe(6000);
  });
});

describe('shouldRetry', () => {
  it('repeats what stored nothing: no answer, a server error, too many requests', () => {
    expect(shouldRetry({ code: 'network', status: 0 })).toBe(true);
    expect(shouldRetry({ code: 'http_502', status: 502 })).toBe(true);
    expect(shouldRetry({ code: 'rate_limited', status: 429 })).toBe(true);
  });

  it('does not repeat a refusal', () => {
    for (const [code, status] of [['question_closed', 409], ['invalid_answer', 422], ['bad_code', 403], ['not_joined', 401]] as const) {
      expect(shouldRetry({ code, status })).toBe(false);
    }
  });
});
