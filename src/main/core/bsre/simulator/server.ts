/**
 * The simulator's HTTP server: Basic auth like the Esign Client Service, routing to the endpoints,
 * and the fault switches applied in the order a real failure would happen (delay, refuse, or apply
 * the request and then fail to answer).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import type { Clock } from '../../clock';
import * as endpoints from './endpoints';
import type { FaultSwitch } from './faults';
import type { SimOperation, SimRegistrationReply } from './model';
import { html, htmlError, json, readBody, type Reply, send, spring } from './replies';

export interface SimServerConfig {
  username: string;
  password: string;
  clock: Clock;
  latencyMs: number;
  /** v2 status and v2 verify answer 404, like an older service that only has the v1 paths. */
  v1Only: boolean;
  endpoints: endpoints.EndpointContext;
  faults: FaultSwitch;
  /** The /__sim/ operator API, mounted only by scripts/bsre-sim.ts. */
  operator?: (method: string, path: string, body: Buffer, query: URLSearchParams) => Reply;
}

interface Route {
  operation: SimOperation;
  method: 'GET' | 'POST';
  handle: (body: Buffer, contentType: string) => Reply;
}

function route(config: SimServerConfig, path: string): Route | null {
  const ctx = config.endpoints;
  if (path === '/api/v2/user/check/status' && !config.v1Only)
    return { operation: 'status', method: 'POST', handle: (b) => endpoints.statusV2(ctx, b, path) };
  const v1 = /^\/api\/user\/status\/([^/]+)$/.exec(path);
  if (v1) return { operation: 'status', method: 'GET', handle: () => endpoints.statusV1(ctx, safeDecode(v1[1] ?? '')) };
  // One library uses /register; the simulator answers both.
  if (path === '/api/v2/user/registration' || path === '/api/v2/user/register') {
    return { operation: 'registration', method: 'POST', handle: (b) => endpoints.registration(ctx, b, path) };
  }
  const chain = /^\/api\/v2\/user\/certificate\/chain\/([^/]+)$/.exec(path);
  if (chain) return { operation: 'chain', method: 'GET', handle: () => endpoints.chain(ctx, chain[1] ?? '') };
  if (path === '/api/v2/verify/pdf' && !config.v1Only)
    return { operation: 'verify', method: 'POST', handle: (b) => endpoints.verifyPdf(ctx, b, path) };
  if (path === '/api/sign/verify')
    return { operation: 'verify', method: 'POST', handle: (b, type) => endpoints.verifyPdfV1(ctx, b, type, path) };
  return null;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

function authorized(req: IncomingMessage, config: SimServerConfig): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return false;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  return timingSafeEqual(digest(decoded), digest(`${config.username}:${config.password}`));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const NOT_JSON_PAGE = html(
  200,
  '<!DOCTYPE html><html><head><title>Esign Client Service</title></head><body><h1>Sesi berakhir</h1><p>Silakan masuk kembali.</p></body></html>',
);

/** HTTP 200 replies to a registration that say no; the registration is not applied. */
const REGISTRATION_REFUSALS: Partial<Record<SimRegistrationReply, Reply>> = {
  error: json(200, { error: 'Pendaftaran gagal: email sudah digunakan oleh pengguna lain', status_code: 2013 }),
  successFalse: json(200, { success: false, message: 'Pendaftaran gagal: data pendaftar tidak valid' }),
  statusCode: json(200, { status_code: '2002', message: 'Pendaftaran gagal: instansi tidak dikenal' }),
};

async function handle(config: SimServerConfig, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator.local');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const body = await readBody(req);
  const now = () => config.clock.now();
  if (body === null) return send(res, spring(413, path, now()));
  const unauthorized = () => spring(401, path, now(), { 'www-authenticate': 'Basic realm="Realm"' });

  if (config.operator && path.startsWith('/__sim/')) {
    return send(res, authorized(req, config) ? config.operator(method, path, body, url.searchParams) : unauthorized());
  }

  const target = route(config, path);
  const fault = target ? config.faults.take(target.operation) : null;
  const delay = config.latencyMs + (fault?.latencyMs ?? 0);
  if (delay > 0) await sleep(delay);
  if (fault?.unauthorized || !authorized(req, config)) return send(res, unauthorized());
  if (!target) return send(res, spring(404, path, now()));
  if (target.method !== method) return send(res, spring(405, path, now()));
  if (fault?.tooManyRequests) return send(res, spring(429, path, now(), { 'retry-after': '1' }));
  if (fault?.serverError === 500) return send(res, spring(500, path, now()));
  if (fault?.serverError === 503) return send(res, htmlError(503));
  if (fault?.forbidden) return send(res, spring(403, path, now()));
  if (fault?.timeoutBeforeApply) return; // lost before it was applied; the answer never comes
  if (target.operation === 'registration' && fault?.registrationReply) {
    const refusal = REGISTRATION_REFUSALS[fault.registrationReply];
    if (refusal) return send(res, refusal);
  }

  const contentType = req.headers['content-type'] ?? '';
  const reply = target.handle(body, contentType);
  if (target.operation === 'registration' && fault?.registrationReply === 'empty')
    return send(res, { status: 200, contentType: 'application/json', body: '' });
  if (fault?.timeoutAfterReceive) return; // applied; the answer never comes
  if (fault?.dropConnection) {
    req.socket.destroy();
    return;
  }
  send(res, fault?.nonJsonBody ? NOT_JSON_PAGE : reply);
}

export function createSimServer(config: SimServerConfig): Server {
  return createServer((req, res) => {
    handle(config, req, res).catch(() => {
      if (!res.headersSent) send(res, spring(500, req.url ?? '/', config.clock.now()));
      else res.destroy();
    });
  });
}
