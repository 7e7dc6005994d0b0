/**
 * The core as a desk sees it: the same `dispatch(channel, input, ctx)`, forwarded over HTTPS to the
 * office server with the paired device credential and the server's certificate pinned. No Electron
 * here, so it runs (and is tested) under plain Node. Failures become stable codes: no answer →
 * SERVER_UNREACHABLE (the caller retries with the same idempotency key), another certificate →
 * SERVER_CERT_MISMATCH (nothing was sent to it). `subscribe` follows the server's change events.
 */
import { z } from 'zod';

import { messageFor } from '../../shared/contract/errors';
import type { Result } from '../../shared/contract/result';
import { type Backoff, backoffDelayMs } from '../../shared/contract/retry';
import { SseReader } from '../../shared/contract/sse-reader';
import {
  API_PREFIX,
  type ChangeEvent,
  DEVICE_ID_HEADER,
  DEVICE_KEY_HEADER,
  EVENTS_PATH,
  IDEMPOTENCY_HEADER,
  SESSION_HEADER,
} from '../../shared/contract/transport';
import { type ExchangeFailure, failureOf, pinnedExchange, pinnedStream } from './pinned-request';

export interface RemoteCoreOptions {
  url: string;
  fingerprint: string;
  deviceId: string;
  deviceKey: string;
  connectTimeoutMs?: number;
  /** Longest wait for an answer: OCR, face match and reports take seconds on a busy server. */
  requestTimeoutMs?: number;
  /** The server sends a heartbeat every 15 s; a stream silent this long is reconnected. */
  streamIdleMs?: number;
  reconnect?: Backoff;
}

export interface RemoteCallContext {
  token: string | null;
  idempotencyKey?: string | null;
}

export interface Subscription {
  close(): void;
}

export type ReachabilityListener = (reachable: boolean) => void;

export interface RemoteCore {
  dispatch(channel: string, input: unknown, ctx: RemoteCallContext): Promise<Result<unknown>>;
  /** Change events for this session's stream; reconnects with backoff until closed. */
  subscribe(token: string, onEvent: (event: ChangeEvent) => void): Subscription;
  /** Told when the server stops or starts answering (calls and the event stream). */
  onReachability(listener: ReachabilityListener): () => void;
  readonly reachable: boolean;
}

const resultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }),
  }),
]);

const changeEventSchema = z.union([
  z.object({ kind: z.literal('application'), applicationId: z.string().min(1).max(100) }),
  z.object({ kind: z.literal('queue') }),
  z.object({ kind: z.literal('recap') }),
]);

const channelPattern = /^[a-zA-Z]+\.[a-zA-Z]+$/;

const refusal = (
  code: 'SERVER_UNREACHABLE' | 'SERVER_CERT_MISMATCH' | 'SERVER_BAD_ANSWER' | 'UNKNOWN_CHANNEL' | 'PAYLOAD_TOO_LARGE',
): Result<never> => ({ ok: false, error: { code, message: messageFor(code) } });

function resultOfFailure(failure: ExchangeFailure): Result<never> {
  if (failure.kind === 'cert-mismatch') return refusal('SERVER_CERT_MISMATCH');
  if (failure.kind === 'too-large') return refusal('PAYLOAD_TOO_LARGE');
  return refusal('SERVER_UNREACHABLE');
}

export function parseResult(body: string): Result<unknown> | null {
  try {
    const parsed = resultSchema.safeParse(JSON.parse(body));
    return parsed.success ? (parsed.data as Result<unknown>) : null;
  } catch {
    return null;
  }
}

export function createRemoteCore(options: RemoteCoreOptions): RemoteCore {
  const base = new URL(options.url);
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 120_000;
  const streamIdleMs = options.streamIdleMs ?? 45_000;
  const reconnect = options.reconnect ?? { baseMs: 1_000, maxMs: 30_000 };
  const listeners = new Set<ReachabilityListener>();
  let reachable = true;

  function setReachable(now: boolean): void {
    if (now === reachable) return;
    reachable = now;
    for (const listener of listeners) listener(now);
  }

  function headers(token: string | null, extra: Record<string, string> = {}): Record<string, string> {
    return {
      [DEVICE_ID_HEADER]: options.deviceId,
      [DEVICE_KEY_HEADER]: options.deviceKey,
      ...(token ? { [SESSION_HEADER]: token } : {}),
      ...extra,
    };
  }

  async function dispatch(channel: string, input: unknown, ctx: RemoteCallContext): Promise<Result<unknown>> {
    if (!channelPattern.test(channel)) return refusal('UNKNOWN_CHANNEL');
    let answer;
    try {
      answer = await pinnedExchange({
        url: new URL(`${API_PREFIX}${channel}`, base),
        method: 'POST',
        headers: headers(ctx.token, {
          'content-type': 'application/json',
          ...(ctx.idempotencyKey ? { [IDEMPOTENCY_HEADER]: ctx.idempotencyKey } : {}),
        }),
        body: JSON.stringify(input ?? {}),
        fingerprint: options.fingerprint,
        connectTimeoutMs,
        idleTimeoutMs: requestTimeoutMs,
      });
    } catch (error) {
      const failure = failureOf(error);
      if (failure.kind === 'unreachable') setReachable(false);
      return resultOfFailure(failure);
    }
    setReachable(true);
    return parseResult(answer.body) ?? refusal('SERVER_BAD_ANSWER');
  }

  function subscribe(token: string, onEvent: (event: ChangeEvent) => void): Subscription {
    let closed = false;
    let attempt = 0;
    let timer: NodeJS.Timeout | null = null;
    let current: { close(): void } | null = null;

    const again = () => {
      current = null;
      if (closed) return;
      attempt += 1;
      timer = setTimeout(connect, backoffDelayMs(attempt, reconnect));
    };

    async function connect(): Promise<void> {
      timer = null;
      if (closed) return;
      let stream;
      try {
        stream = await pinnedStream({
          url: new URL(EVENTS_PATH, base),
          method: 'GET',
          headers: headers(token, { accept: 'text/event-stream' }),
          fingerprint: options.fingerprint,
          connectTimeoutMs,
          idleTimeoutMs: streamIdleMs,
        });
      } catch (error) {
        if (failureOf(error).kind === 'unreachable') setReachable(false);
        return again();
      }
      if (closed) return stream.close();
      setReachable(true);
      if (stream.status !== 200) {
        // Refused (session ended, device revoked): keep trying slowly; a new sign-in subscribes anew.
        stream.response.resume();
        attempt = Math.max(attempt, 30);
        return again();
      }
      attempt = 0;
      current = stream;
      const reader = new SseReader();
      stream.response.setEncoding('utf8');
      stream.response.on('data', (chunk: string) => {
        for (const message of reader.push(chunk)) {
          if (message.event !== 'change') continue;
          try {
            const parsed = changeEventSchema.safeParse(JSON.parse(message.data));
            if (parsed.success) onEvent(parsed.data);
          } catch {
            // A malformed event is skipped; the next one (or the polling fallback) still arrives.
          }
        }
      });
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        if (!closed) setReachable(false);
        again();
      };
      stream.response.on('end', end);
      stream.response.on('error', end);
      stream.response.on('close', end);
    }

    void connect();
    return {
      close() {
        closed = true;
        if (timer) clearTimeout(timer);
        current?.close();
      },
    };
  }

  return {
    dispatch,
    subscribe,
    onReachability(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get reachable() {
      return reachable;
    },
  };
}
