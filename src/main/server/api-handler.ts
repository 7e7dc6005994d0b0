/**
 * The contract over HTTP, shared by the loopback web host and the office server: JSON answers with
 * no-store, a body limit decided before the body is read (small until a session exists), the JSON
 * parse, and `dispatch` with the session, idempotency key, source and origin the host determined.
 * Each host does its own guarding (Host, Origin, secret, device) before calling `dispatchHttp`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { type ErrorCode, messageFor } from '../../shared/contract/errors';
import { IDEMPOTENCY_HEADER, SESSION_HEADER } from '../../shared/contract/transport';
import type { Core } from '../core/app';
import type { CallOrigin } from '../core/call-origin';

export const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** Before a session exists only sign-in, first-run setup and pairing can be called: small bodies only. */
export const PRE_SESSION_BODY_BYTES = 64 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

export const errorBody = (code: ErrorCode, message?: string) => ({
  ok: false,
  error: { code, message: message ?? messageFor(code) },
});

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Answer at once and stop keeping the body; the socket closes after the reply.
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export const sessionOf = (req: IncomingMessage): string | null => {
  const token = req.headers[SESSION_HEADER];
  return typeof token === 'string' ? token : null;
};

/** Reads a JSON body within `limit`; answers 413 or 400 itself and returns undefined then. */
export async function readJson(req: IncomingMessage, res: ServerResponse, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const body = declared > limit ? null : await readBody(req, limit);
  if (body === null) {
    res.setHeader('connection', 'close');
    sendJson(res, 413, errorBody('PAYLOAD_TOO_LARGE'));
    return undefined;
  }
  try {
    return body.length ? JSON.parse(body.toString('utf8')) : {};
  } catch {
    sendJson(res, 400, errorBody('VALIDATION_FAILED', 'Data yang dikirim bukan JSON yang benar.'));
    return undefined;
  }
}

export interface HttpCall {
  core: Core;
  channel: string;
  /** Largest body once a session exists. */
  maxBodyBytes: number;
  /** Sign-in throttling counts per source. */
  source: string;
  origin: CallOrigin;
}

/** `POST /api/<channel>` after the host's guards: limit, parse, dispatch, answer 200 with the Result. */
export async function dispatchHttp(call: HttpCall, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, errorBody('UNKNOWN_CHANNEL'));
  const session = sessionOf(req);
  // A program without a session cannot make the host hold megabytes: the limit is decided first.
  const limit = call.core.hasSession(session, call.origin)
    ? call.maxBodyBytes
    : Math.min(PRE_SESSION_BODY_BYTES, call.maxBodyBytes);
  const input = await readJson(req, res, limit);
  if (input === undefined) return;
  const key = req.headers[IDEMPOTENCY_HEADER];
  const result = await call.core.dispatch(call.channel, input, {
    token: session,
    idempotencyKey: typeof key === 'string' ? key : null,
    source: call.source,
    origin: call.origin,
  });
  sendJson(res, 200, result);
}
