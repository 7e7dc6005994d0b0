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

import { messageFor } from '../../shared/contract/errors';
import { IDEMPOTENCY_HEADER, PAGE_CSP, SESSION_HEADER } from '../../shared/contract/transport';
import type { Core } from '../core/app';
import { dispatchHttp, errorBody, MAX_BODY_BYTES, PRE_SESSION_BODY_BYTES, sendJson } from '../server/api-handler';
import { createEventStreams, type EventStreams } from '../server/event-stream';
import {
  HOST_SECRET_HEADER,
  hostAllowed,
  injectSecret,
  newHostSecret,
  originAllowed,
  secretMatches,
} from './host-guard';

export { IDEMPOTENCY_HEADER, MAX_BODY_BYTES, PRE_SESSION_BODY_BYTES, SESSION_HEADER };

const CSP = PAGE_CSP;

export const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
const TYPES = STATIC_TYPES;

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

async function handleApi(options: Guarded, req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
  if (!originAllowed(req.headers)) return sendJson(res, 403, errorBody('HOST_NOT_ALLOWED'));
  if (!secretMatches(options.secret, req.headers[HOST_SECRET_HEADER]))
    return sendJson(res, 403, errorBody('HOST_SECRET_INVALID'));
  const ip = req.socket.remoteAddress ?? 'tidak-diketahui';
  if (channel === 'events' && req.method === 'GET') {
    const token = req.headers[SESSION_HEADER];
    const session = typeof token === 'string' ? token : null;
    if (!session || !options.core.hasSession(session)) return sendJson(res, 401, errorBody('NOT_AUTHENTICATED'));
    // The loopback web host is this PC's own process: its sessions are bound to 'local'.
    return options.streams.open(options.core, session, 'local', req, res);
  }
  await dispatchHttp(
    {
      core: options.core,
      channel,
      maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES,
      source: `web:${ip}`,
      origin: { kind: 'web', device: 'web', ip },
    },
    req,
    res,
  );
}

const HTML_HEADERS = {
  'content-type': TYPES['.html'],
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

/**
 * Serves a file of the built renderer (no path escapes the folder); HTML pages get the host secret
 * injected and `pageHeaders` (the office server's browser cookie). Unknown paths without an
 * extension get index.html (client-side routes).
 */
export async function serveStatic(
  staticDir: string,
  secret: string,
  urlPath: string,
  res: ServerResponse,
  pageHeaders: Record<string, string> = {},
): Promise<void> {
  const relative = normalize(decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath)).replace(/^([/\\])+/, '');
  const file = join(staticDir, relative);
  if (!file.startsWith(staticDir + sep)) {
    res.writeHead(404).end();
    return;
  }
  try {
    const content = await readFile(file);
    if (extname(file) === '.html') {
      res.writeHead(200, { ...HTML_HEADERS, ...pageHeaders }).end(injectSecret(content.toString('utf8'), secret));
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
    res.writeHead(200, { ...HTML_HEADERS, ...pageHeaders }).end(injectSecret(index.toString('utf8'), secret));
  }
}

export function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const guarded: Guarded = { ...options, secret: options.secret ?? newHostSecret(), streams: createEventStreams() };
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
