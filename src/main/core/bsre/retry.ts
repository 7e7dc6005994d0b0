/**
 * Retry rules for BSrE reads: which answers are worth another try, how long to wait (exponential
 * backoff with full jitter, or the server's Retry-After), and when to give up. Registration never
 * comes through here: a resent registration could be applied twice.
 */

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  factor: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call ends as unavailable. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 500,
  factor: 2,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 10_000,
};

/** Busy or a gateway in front of BSrE failed: the read can be tried again. */
export const RETRYABLE_HTTP_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Full jitter: a random wait between 0 and the exponential ceiling for this retry (1-based). */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.factor ** Math.max(0, retry - 1));
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 1;
  return Math.round(ceiling * unit);
}

/** Retry-After as delta-seconds or an HTTP date → milliseconds from `now`; null when absent or garbage. */
export function parseRetryAfterMs(header: string | null, now: Date): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d{1,9}$/.test(value)) return Number(value) * 1000;
  if (!/[A-Za-z]/.test(value)) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}
