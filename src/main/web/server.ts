/**
 * The web host: the built renderer and the same contract over HTTP, on loopback only. Used for
 * development without the Electron runtime and for end-to-end tests in Chromium. Every API call
 * is `POST /api/<channel>` with a JSON body; the session token travels in a header, and the per-run
 * host secret (given to the page this host serves) in another — see host-guard.ts.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

import { type ErrorCode, messageFor } from '../../shared/contract/errors';
import { IDEMPOTENCY_HEADER, PAGE_CSP, SESSION_HEADER } from '../../shared/contract/transport';
import type { Core } from '../core/app';

export { IDEMPOTENCY_HEADER, SESSION_HEADER };
import { EventStreams } from './event-stream';
import {
  HOST_SECRET_HEADER,
  hostAllowed,
  injectSecret,
  newHostSecret,
  originAllowed,
  secretMatches,
} from './host-guard';

export const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** Before a session exists only sign-in and first-run setup can be called: small bodies only. */
export const PRE_SESSION_BODY_BYTES = 64 * 1024;

const CSP = PAGE_CSP;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface WebHost {
  url: string;
  /** This run's host secret (also in the served page's <meta name="loket-host-secret">). */
  secret: string;
  close(): Promise<void>;
}

export interface WebHostOptions {
  core: Core;
  staticDir: string;
  port?: number;
  /** Largest request body accepted (default 64 MB: a few base64 documents under the 5 MB limit). */
  maxBodyBytes?: number;
  /** The per-run secret every /api call must carry; a fresh random one by default. */
  secret?: string;
}

interface Guarded extends WebHostOptions {
  secret: string;
  streams: EventStreams;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

const errorBody = (code: ErrorCode) => ({ ok: false, error: { code, message: messageFor(code) } });

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
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

async function handleApi(options: Guarded, req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
  if (!originAllowed(req.headers)) return sendJson(res, 403, errorBody('HOST_NOT_ALLOWED'));
  if (!secretMatches(options.secret, req.headers[HOST_SECRET_HEADER]))
    return sendJson(res, 403, errorBody('HOST_SECRET_INVALID'));
  const token = req.headers[SESSION_HEADER];
  const session = typeof token === 'string' ? token : null;
  if (channel === 'events' && req.method === 'GET') {
    if (!options.core.hasSession(session)) return sendJson(res, 401, errorBody('NOT_AUTHENTICATED'));
    return options.streams.serve(req, res);
  }
  if (req.method !== 'POST') return sendJson(res, 405, errorBody('UNKNOWN_CHANNEL'));
  // A program without a session cannot make the host hold megabytes: the limit is decided first.
  const limit = options.core.hasSession(session)
    ? (options.maxBodyBytes ?? MAX_BODY_BYTES)
    : Math.min(PRE_SESSION_BODY_BYTES, options.maxBodyBytes ?? MAX_BODY_BYTES);
  const declared = Number(req.headers['content-length'] ?? 0);
  const body = declared > limit ? null : await readBody(req, limit);
  if (body === null) {
    res.setHeader('connection', 'close');
    return sendJson(res, 413, errorBody('PAYLOAD_TOO_LARGE'));
  }
  let input: unknown;
  try {
    input = body.length ? JSON.parse(body.toString('utf8')) : {};
  } catch {
    return sendJson(res, 400, {
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: 'Data yang dikirim bukan JSON yang benar.' },
    });
  }
  const key = req.headers[IDEMPOTENCY_HEADER];
  const result = await options.core.dispatch(channel, input, {
    token: session,
    idempotencyKey: typeof key === 'string' ? key : null,
    source: `web:${req.socket.remoteAddress ?? 'tidak-diketahui'}`,
  });
  sendJson(res, 200, result);
}

const HTML_HEADERS = {
  'content-type': TYPES['.html'],
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

async function serveStatic(staticDir: string, secret: string, urlPath: string, res: ServerResponse): Promise<void> {
  const relative = normalize(decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath)).replace(/^([/\\])+/, '');
  const file = join(staticDir, relative);
  if (!file.startsWith(staticDir + sep)) {
    res.writeHead(404).end();
    return;
  }
  try {
    const content = await readFile(file);
    if (extname(file) === '.html') {
      res.writeHead(200, HTML_HEADERS).end(injectSecret(content.toString('utf8'), secret));
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
    });
    res.end(content);
  } catch {
    const index = await readFile(join(staticDir, 'index.html')).catch(() => null);
    if (!index || extname(relative)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, HTML_HEADERS).end(injectSecret(index.toString('utf8'), secret));
  }
}

export function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const guarded: Guarded = {
    ...options,
    secret: options.secret ?? newHostSecret(),
    streams: new EventStreams(options.core.events),
  };
  const server = createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
      decodeURIComponent(url.pathname);
    } catch {
      // A malformed address is the caller's mistake: a 400, and nothing in the log.
      sendJson(res, 400, {
        ok: false,
        error: { code: 'VALIDATION_FAILED', message: 'Alamat permintaan tidak benar.' },
      });
      return;
    }
    const isApi = url.pathname.startsWith('/api/');
    // A page reached through another name (DNS rebinding) gets neither the secret nor the API.
    if (!hostAllowed(req.headers.host, (server.address() as AddressInfo).port)) {
      if (isApi) return sendJson(res, 403, errorBody('HOST_NOT_ALLOWED'));
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end(messageFor('HOST_NOT_ALLOWED'));
      return;
    }
    const work = isApi
      ? handleApi(guarded, req, res, url.pathname.slice(5))
      : serveStatic(options.staticDir, guarded.secret, url.pathname, res);
    work.catch((error: unknown) => {
      console.error('[loket] web host error', error);
      if (!res.headersSent) sendJson(res, 500, errorBody('INTERNAL_ERROR'));
      else res.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        secret: guarded.secret,
        close: () =>
          new Promise<void>((done) => {
            guarded.streams.closeAll();
            server.close(() => done());
          }),
      });
    });
  });
}
