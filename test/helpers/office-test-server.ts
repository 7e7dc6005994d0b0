/**
 * A small office server for desk tests: real HTTPS on loopback with a self-signed certificate made
 * by openssl, speaking the office API's shape (POST /api/<channel>, GET /api/events as server-sent
 * events, GET /health, POST /pair with the pairing proofs). It records every request it receives,
 * so a test can prove what did (or did not) reach it.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { deskProof, serverProof } from '../../src/main/desk/pairing-client';

export interface TestCert {
  key: string;
  cert: string;
  fingerprint: string;
}

export function makeCert(commonName = 'test'): TestCert {
  const dir = mkdtempSync(join(tmpdir(), 'loket-cert-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${commonName}`,
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  return {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert,
    fingerprint: new X509Certificate(cert).fingerprint256,
  };
}

export interface Received {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface TestServerOptions {
  cert: TestCert;
  port?: number;
  pairingCode?: string;
  officeName?: string;
  /** Replace the server's pairing answer (e.g. a wrong server proof). */
  tamperPairAnswer?: (answer: Record<string, string>) => Record<string, string>;
  /** Called for each API call; return undefined to answer `{ok:true,value:{echo}}`, 'drop' to cut the connection. */
  onApi?: (received: Received) => unknown;
}

export interface TestServer {
  port: number;
  url: string;
  received: Received[];
  /** Sends a change event to every open stream. */
  emit(event: unknown): void;
  streams(): number;
  close(): Promise<void>;
}

export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const received: Received[] = [];
  const streams = new Set<import('node:http').ServerResponse>();
  const server = https.createServer({ key: options.cert.key, cert: options.cert.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const entry = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      received.push(entry);
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (entry.path === '/health') return json(200, { ok: true, name: 'loket-tte' });
      if (entry.path === '/pair' && entry.method === 'POST') {
        const { nonce, proof } = JSON.parse(body) as { nonce: string; proof: string };
        const code = options.pairingCode ?? 'ABCD-1234';
        if (proof !== deskProof(code, options.cert.fingerprint, nonce))
          return json(403, { ok: false, error: { code: 'PAIRING_CODE_INVALID', message: 'Kode salah.' } });
        let answer: Record<string, string> = {
          deviceId: 'dev-1',
          deviceKey: 'k'.repeat(43),
          serverProof: serverProof(code, options.cert.fingerprint, nonce),
          officeName: options.officeName ?? 'Dinas Kominfo Trenggalek',
          fingerprint: options.cert.fingerprint,
        };
        if (options.tamperPairAnswer) answer = options.tamperPairAnswer(answer);
        return json(200, answer);
      }
      if (entry.path === '/api/events' && entry.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
        res.write(': hello\n\n');
        streams.add(res);
        res.on('close', () => streams.delete(res));
        return;
      }
      if (entry.path.startsWith('/api/') && entry.method === 'POST') {
        const outcome = options.onApi?.(entry);
        if (outcome === 'drop') return req.socket.destroy();
        if (outcome && typeof outcome === 'object' && 'status' in outcome) {
          const { status, result } = outcome as { status: number; result: unknown };
          return json(status, result);
        }
        return json(200, outcome ?? { ok: true, value: { echo: JSON.parse(body || '{}') } });
      }
      json(404, { ok: false, error: { code: 'NOT_FOUND', message: 'Tidak ada.' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `https://127.0.0.1:${port}`,
    received,
    emit(event) {
      for (const res of streams) res.write(`event: change\ndata: ${JSON.stringify(event)}\n\n`);
    },
    streams: () => streams.size,
    async close() {
      for (const res of streams) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
