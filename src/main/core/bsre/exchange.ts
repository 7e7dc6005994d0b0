/**
 * Runs one BSrE operation as HTTP: builds the request (Basic auth, JSON), makes the attempts (with
 * backoff for reads only), and returns what happened together with the RawResponse kept for the
 * application's history. Turning that into a BsreOutcome is the client's job.
 */
import type { Clock } from '../clock';
import { attempt, type AttemptResult, basicAuthHeader, cutToBytes, parseJsonBody } from './http';
import { backoffDelayMs, parseRetryAfterMs, RETRYABLE_HTTP_STATUSES, type RetryPolicy } from './retry';
import type { BsreSettings, RawResponse } from './types';

export interface ExchangeContext {
  settings: BsreSettings;
  fetchImpl: typeof fetch;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  policy: RetryPolicy;
}

export interface ExchangeSpec {
  operation: RawResponse['operation'];
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** A multipart upload instead of a JSON body (v1 verify: field `signed_file`). */
  file?: { field: string; fileName: string; bytes: Buffer };
  timeoutMs: number;
  /** Reads only. */
  retry: boolean;
}

export type Exchange =
  | {
      kind: 'answer';
      status: number;
      json: { ok: true; value: unknown } | { ok: false };
      text: string;
      /** The connection broke while the body was read. */
      bodyError: string | null;
      retryAfterMs: number | null;
      raw: RawResponse;
    }
  | { kind: 'failure'; reach: 'not-sent' | 'maybe-sent'; timedOut: boolean; detail: string; raw: RawResponse };

export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

export async function exchange(ctx: ExchangeContext, spec: ExchangeSpec): Promise<Exchange> {
  const started = performance.now();
  const headers: Record<string, string> = {
    authorization: basicAuthHeader(ctx.settings.username, ctx.settings.password),
    accept: 'application/json, text/plain;q=0.9, */*;q=0.5',
  };
  let body: string | FormData | undefined;
  if (spec.file !== undefined) {
    const form = new FormData();
    form.append(spec.file.field, new Blob([spec.file.bytes], { type: 'application/pdf' }), spec.file.fileName);
    body = form;
  } else if (spec.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(spec.body);
  }
  const maxAttempts = spec.retry ? Math.max(1, Math.floor(ctx.policy.maxAttempts)) : 1;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    const result = await attempt(ctx.fetchImpl, {
      url: joinUrl(ctx.settings.baseUrl, spec.path),
      method: spec.method,
      headers,
      body,
      timeoutMs: spec.timeoutMs,
    });
    const outcome = toExchange(ctx, spec, result, attempts, started);
    const wait = attempts < maxAttempts ? retryWait(ctx, outcome, attempts) : null;
    if (wait === null) return outcome;
    await ctx.sleep(wait);
  }
}

function toExchange(
  ctx: ExchangeContext,
  spec: ExchangeSpec,
  result: AttemptResult,
  attempts: number,
  started: number,
): Exchange {
  const base = {
    operation: spec.operation,
    method: spec.method,
    path: spec.path,
    at: ctx.clock.now().toISOString(),
    durationMs: Math.round(performance.now() - started),
    attempts,
  };
  if (result.kind === 'failure') {
    const raw: RawResponse = { ...base, httpStatus: null, contentType: null, body: '' };
    return { kind: 'failure', reach: result.reach, timedOut: result.timedOut, detail: result.detail, raw };
  }
  const raw: RawResponse = {
    ...base,
    httpStatus: result.status,
    contentType: result.contentType,
    body: cutToBytes(result.text),
  };
  return {
    kind: 'answer',
    status: result.status,
    json: parseJsonBody(result.contentType, result.text),
    text: result.text,
    bodyError: result.bodyError,
    retryAfterMs: parseRetryAfterMs(result.retryAfter, ctx.clock.now()),
    raw,
  };
}

/** How long to wait before the next attempt, or null when this result is final. */
function retryWait(ctx: ExchangeContext, result: Exchange, attempts: number): number | null {
  const jitter = backoffDelayMs(attempts, ctx.policy, ctx.random);
  if (result.kind === 'failure') return jitter;
  if (result.bodyError !== null) return jitter;
  if (!RETRYABLE_HTTP_STATUSES.has(result.status)) return null;
  if (result.retryAfterMs === null) return jitter;
  return result.retryAfterMs > ctx.policy.maxRetryAfterMs ? null : result.retryAfterMs;
}
