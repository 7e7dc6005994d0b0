/**
 * One HTTPS exchange with the office server whose certificate is pinned by its SHA-256 fingerprint.
 * The office certificate is self-made, so the usual chain check cannot apply; instead nothing —
 * not the headers with the device key, not the body — is written before the TLS handshake is done
 * and the certificate's fingerprint256 equals the paired one. A fresh connection per request keeps
 * that check on every exchange (no reused socket skips it).
 */
import https from 'node:https';
import type { TLSSocket } from 'node:tls';

export type ExchangeFailure =
  { kind: 'cert-mismatch'; presented: string } | { kind: 'unreachable'; reason: string } | { kind: 'too-large' };

export interface PinnedRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** null: accept any certificate and report its fingerprint (pairing reads it this way). */
  fingerprint: string | null;
  connectTimeoutMs: number;
  /** Longest silence while waiting for (or reading) the answer. */
  idleTimeoutMs: number;
  maxResponseBytes?: number;
}

export interface PinnedResponse {
  status: number;
  body: string;
  fingerprint: string;
}

export interface OpenedStream {
  status: number;
  fingerprint: string;
  response: import('node:http').IncomingMessage;
  close(): void;
}

const DEFAULT_MAX_RESPONSE = 256 * 1024 * 1024;

class ExchangeError extends Error {
  constructor(readonly failure: ExchangeFailure) {
    super(failure.kind);
  }
}

export function failureOf(error: unknown): ExchangeFailure {
  if (error instanceof ExchangeError) return error.failure;
  const reason = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
  return { kind: 'unreachable', reason };
}

/** Sends once the certificate is verified; resolves with the answer's head (the body still streaming). */
function open(
  request: PinnedRequest,
): Promise<{ response: import('node:http').IncomingMessage; fingerprint: string; abort(): void }> {
  return new Promise((resolve, reject) => {
    let fingerprint = '';
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(error);
    };
    const req = https.request(request.url, {
      method: request.method,
      headers: {
        ...request.headers,
        ...(request.body !== undefined ? { 'content-length': String(Buffer.byteLength(request.body)) } : {}),
      },
      agent: false,
      // Verified below by fingerprint: the office certificate is not signed by a public authority.
      rejectUnauthorized: false,
    });
    const connectTimer = setTimeout(
      () => fail(new ExchangeError({ kind: 'unreachable', reason: 'connect timeout' })),
      request.connectTimeoutMs,
    );
    req.on('socket', (socket) => {
      (socket as TLSSocket).once('secureConnect', () => {
        clearTimeout(connectTimer);
        fingerprint = (socket as TLSSocket).getPeerCertificate().fingerprint256 ?? '';
        if (request.fingerprint !== null && fingerprint !== request.fingerprint) {
          fail(new ExchangeError({ kind: 'cert-mismatch', presented: fingerprint }));
          return;
        }
        // Also while the body streams: a stalled answer (or event stream) ends with an error, not a hang.
        req.setTimeout(request.idleTimeoutMs, () =>
          req.destroy(new ExchangeError({ kind: 'unreachable', reason: 'timeout' })),
        );
        req.end(request.body);
      });
    });
    req.on('response', (response) => {
      if (settled) return;
      settled = true;
      resolve({ response, fingerprint, abort: () => req.destroy() });
    });
    req.on('error', (error) => {
      clearTimeout(connectTimer);
      fail(error);
    });
  });
}

/** A whole exchange: the answer's status and body, or why there was none. */
export async function pinnedExchange(request: PinnedRequest): Promise<PinnedResponse> {
  const { response, fingerprint, abort } = await open(request);
  const limit = request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        abort();
        reject(new ExchangeError({ kind: 'too-large' }));
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () =>
      resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), fingerprint }),
    );
    response.on('error', reject);
    response.on('aborted', () => reject(new ExchangeError({ kind: 'unreachable', reason: 'aborted' })));
  });
}

/** A long-lived answer (the event stream): the head once verified, the body left to the caller. */
export async function pinnedStream(request: PinnedRequest): Promise<OpenedStream> {
  const { response, fingerprint, abort } = await open(request);
  return { status: response.statusCode ?? 0, fingerprint, response, close: abort };
}
