/**
 * The office server: the same core behind HTTPS on the LAN, for paired desks (device credential on
 * every request), browsers (the served page's host secret and a signed id cookie) and the server PC
 * itself (loopback, like a browser). Listens on the configured address (and on 127.0.0.1, so the
 * Admin can work at the server box), answers only Hosts that name it and Origins that are its own,
 * keeps bodies small until a session exists, trades pairing proofs for device credentials, serves
 * the renderer, the office CA and a health probe, and streams change events.
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';

import { type ErrorCode } from '../../shared/contract/errors';
import { pairRequestSchema } from '../../shared/contract/network-schemas';
import {
  API_PREFIX,
  DEVICE_ID_HEADER,
  DEVICE_KEY_HEADER,
  EVENTS_PATH,
  HEALTH_PATH,
  HOST_SECRET_HEADER,
  OFFICE_CA_PATH,
  PAIR_PATH,
} from '../../shared/contract/transport';
import type { Core } from '../core/app';
import { bindingOf, type CallOrigin } from '../core/call-origin';
import { fieldErrors } from '../core/dispatch';
import { Failure } from '../core/failure';
import { authenticateDevice, pairDevice } from '../core/services/office-network';
import { newHostSecret, secretMatches } from '../web/host-guard';
import { serveStatic } from '../web/server';
import {
  dispatchHttp,
  errorBody,
  MAX_BODY_BYTES,
  PRE_SESSION_BODY_BYTES,
  readJson,
  sendJson,
  sessionOf,
} from './api-handler';
import { createEventStreams } from './event-stream';
import {
  allowedHosts,
  BrowserIds,
  hostAllowedIn,
  hostToken,
  isLoopbackIp,
  originAllowedHttps,
  plainIp,
} from './office-guard';
import { officeServerOptionsSchema } from './office-options';
import { loadOrCreateOfficeTls } from './office-tls';
import { PairingThrottle } from './pairing-throttle';

export interface OfficeServerOptions {
  core: Core;
  /** The data folder: the office TLS files live in `<dataDir>/tls`. */
  dataDir: string;
  /** The LAN address to listen on (e.g. 192.168.1.10). */
  bind: string;
  port: number;
  /** The built renderer for browsers (dist/renderer); without it only desks are served. */
  staticDir?: string;
  /** Other names or addresses desks and browsers use for this server (put into the certificate). */
  extraNames?: readonly string[];
  /** Largest body once a session exists (default 64 MB). */
  maxBodyBytes?: number;
  /** Heartbeat of the event stream (default 15 s). */
  heartbeatMs?: number;
}

export interface OfficeServer {
  url: string;
  fingerprint: string;
  caPem: string;
  close(): Promise<void>;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  DEVICE_UNKNOWN: 401,
  BROWSER_UNKNOWN: 401,
  NOT_AUTHENTICATED: 401,
  DEVICE_REVOKED: 403,
  HOST_NOT_ALLOWED: 403,
  HOST_SECRET_INVALID: 403,
  PAIRING_CODE_INVALID: 403,
  PAIRING_THROTTLED: 429,
  VALIDATION_FAILED: 400,
};

const refuse = (res: ServerResponse, code: ErrorCode) => sendJson(res, STATUS[code] ?? 400, errorBody(code));

type Identity = { origin: CallOrigin; source: string } | { refused: ErrorCode };

const LOOPBACK_BINDS = new Set(['127.0.0.1', '::1', 'localhost', '0.0.0.0', '::']);

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      done((server.address() as AddressInfo).port);
    });
  });
}

export async function startOfficeServer(options: OfficeServerOptions): Promise<OfficeServer> {
  const checked = officeServerOptionsSchema.safeParse({
    bind: options.bind,
    port: options.port,
    extraNames: options.extraNames ?? [],
  });
  if (!checked.success) throw new Failure('VALIDATION_FAILED', undefined, fieldErrors(checked.error));
  const { core } = options;
  const { bind, extraNames } = checked.data;
  // Real time, not the core's clock: the desks' and browsers' own clocks judge the certificate.
  const tls = loadOrCreateOfficeTls(options.dataDir, bind, extraNames);
  const staticDir = options.staticDir ? resolve(options.staticDir) : null;
  const pages = staticDir && existsSync(join(staticDir, 'index.html')) ? staticDir : null;
  const secret = newHostSecret();
  const browsers = new BrowserIds();
  const pairing = new PairingThrottle();
  const streams = createEventStreams(options.heartbeatMs);
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  let hosts = new Set<string>();

  async function identify(req: IncomingMessage): Promise<Identity> {
    const ip = plainIp(req.socket.remoteAddress);
    const deviceId = req.headers[DEVICE_ID_HEADER];
    if (deviceId !== undefined) {
      const key = req.headers[DEVICE_KEY_HEADER];
      if (typeof deviceId !== 'string' || typeof key !== 'string') return { refused: 'DEVICE_UNKNOWN' };
      try {
        const device = await authenticateDevice(core.services, deviceId, key, ip);
        return { origin: { kind: 'desk', device: device.id, ip }, source: `desk:${device.id}` };
      } catch (error) {
        if (error instanceof Failure) return { refused: error.code };
        throw error;
      }
    }
    if (!secretMatches(secret, req.headers[HOST_SECRET_HEADER])) return { refused: 'HOST_SECRET_INVALID' };
    const browserId = browsers.verify(req.headers.cookie);
    if (!browserId) return { refused: 'BROWSER_UNKNOWN' };
    const loopback = isLoopbackIp(req.socket.remoteAddress ?? '');
    return { origin: { kind: 'browser', device: browserId, ip, loopback }, source: `browser:${ip}` };
  }

  async function handlePair(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, errorBody('UNKNOWN_CHANNEL'));
    const ip = plainIp(req.socket.remoteAddress);
    if (pairing.locked(ip)) return refuse(res, 'PAIRING_THROTTLED');
    const input = await readJson(req, res, PRE_SESSION_BODY_BYTES);
    if (input === undefined) return;
    const parsed = pairRequestSchema.safeParse(input);
    if (!parsed.success) {
      pairing.recordFailure(ip);
      return sendJson(res, 400, {
        ok: false,
        error: { ...errorBody('VALIDATION_FAILED').error, fields: fieldErrors(parsed.error) },
      });
    }
    try {
      const answer = await pairDevice(core.services, parsed.data, tls.fingerprint, ip);
      sendJson(res, 200, { ok: true, ...answer });
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      pairing.recordFailure(ip);
      refuse(res, error.code);
    }
  }

  async function handleEvents(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET') return sendJson(res, 405, errorBody('UNKNOWN_CHANNEL'));
    const who = await identify(req);
    if ('refused' in who) return refuse(res, who.refused);
    const token = sessionOf(req);
    if (!token || !core.hasSession(token, who.origin)) return refuse(res, 'NOT_AUTHENTICATED');
    streams.open(core, token, bindingOf(who.origin), req, res);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    const who = await identify(req);
    if ('refused' in who) return refuse(res, who.refused);
    await dispatchHttp({ core, channel, maxBodyBytes, source: who.source, origin: who.origin }, req, res);
  }

  async function handlePage(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    if (!pages) return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end();
    const cookie: Record<string, string> = browsers.verify(req.headers.cookie)
      ? {}
      : { 'set-cookie': browsers.issue().cookie };
    await serveStatic(pages, secret, path, res, cookie);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'https://server.invalid');
      decodeURIComponent(url.pathname);
    } catch {
      return sendJson(res, 400, errorBody('VALIDATION_FAILED', 'Alamat permintaan tidak benar.'));
    }
    if (!hostAllowedIn(hosts, req.headers.host)) {
      if (url.pathname.startsWith(API_PREFIX) || url.pathname === PAIR_PATH) return refuse(res, 'HOST_NOT_ALLOWED');
      return void res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Alamat tidak dikenal.');
    }
    if (!originAllowedHttps(req.headers)) return refuse(res, 'HOST_NOT_ALLOWED');
    const path = url.pathname;
    if (path === HEALTH_PATH) return sendJson(res, 200, { ok: true, name: 'loket-tte' });
    if (path === OFFICE_CA_PATH) {
      res.writeHead(200, {
        'content-type': 'application/x-pem-file',
        'content-disposition': 'attachment; filename="loket-tte-ca-kantor.crt"',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      return void res.end(tls.caPem);
    }
    if (path === PAIR_PATH) return handlePair(req, res);
    if (path === EVENTS_PATH) return await handleEvents(req, res);
    if (path.startsWith(API_PREFIX)) return handleApi(req, res, path.slice(API_PREFIX.length));
    return handlePage(req, res, path);
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    Promise.resolve()
      .then(async () => await route(req, res))
      .catch((error: unknown) => {
        console.error('[loket] office server error', error);
        if (!res.headersSent) sendJson(res, 500, errorBody('INTERNAL_ERROR'));
        else res.end();
      });
  };

  const tlsOptions = { key: tls.keyPem, cert: tls.certPem + tls.caPem, minVersion: 'TLSv1.2' as const };
  const servers = [createServer(tlsOptions, handler)];
  const port = await listen(servers[0]!, checked.data.port, bind);
  if (!LOOPBACK_BINDS.has(bind)) {
    const loopback = createServer(tlsOptions, handler);
    try {
      await listen(loopback, port, '127.0.0.1');
      servers.push(loopback);
    } catch (error) {
      await new Promise<void>((done) => servers[0]!.close(() => done()));
      throw error;
    }
  }
  hosts = allowedHosts(bind, extraNames, port);
  const shown = bind === '0.0.0.0' || bind === '::' ? '127.0.0.1' : bind;
  const url = `https://${hostToken(shown)}:${port}/`;
  core.services.network = { mode: 'server', address: url, fingerprint: tls.fingerprint };

  return {
    url,
    fingerprint: tls.fingerprint,
    caPem: tls.caPem,
    async close() {
      streams.closeAll();
      core.services.network = { mode: 'single', address: null, fingerprint: null };
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((done) => {
              server.close(() => done());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}
