/**
 * A plain HTTPS client for the office server tests: real TLS on loopback addresses, any Host or
 * Origin header, a chosen source address (127.0.0.3 stands for a desk PC on the LAN), the peer
 * certificate's fingerprint, the pairing handshake a desk makes and an event-stream reader.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:https';
import { connect as netConnect } from 'node:net';
import { checkServerIdentity, connect } from 'node:tls';

import { pairingProof } from '../../src/main/server/pairing-proof';
import {
  DEVICE_ID_HEADER,
  DEVICE_KEY_HEADER,
  EVENTS_PATH,
  HOST_SECRET_HEADER,
  PAIR_PATH,
  SESSION_HEADER,
} from '../../src/shared/contract/transport';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface Target {
  /** The server's address to connect to. */
  host: string;
  port: number;
  ca: string;
  /** The source address of this "PC". */
  localAddress?: string;
}

export function send(
  target: Target,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.host,
        port: target.port,
        ca: target.ca,
        localAddress: target.localAddress,
        // The certificate is checked against the address connected to, whatever Host the test sends.
        checkServerIdentity: (_host, cert) => checkServerIdentity(target.host, cert),
        path,
        method: options.method ?? 'GET',
        agent: false,
        headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The fingerprint256 of the certificate the server presents (what a desk pins). */
export function peerFingerprint(target: Target): Promise<string> {
  return new Promise((resolve, reject) => {
    const tcp = netConnect({ host: target.host, port: target.port, localAddress: target.localAddress });
    const socket = connect({ socket: tcp, host: target.host, ca: target.ca });
    socket.once('secureConnect', () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      socket.end();
      resolve(fingerprint);
    });
    socket.once('error', reject);
  });
}

export interface DeskCredential {
  deviceId: string;
  deviceKey: string;
}

export const newNonce = () => randomBytes(24).toString('base64url');

export function pairRequest(target: Target, code: string, fingerprint: string, deviceName = 'Meja verifikasi 1') {
  const nonce = newNonce();
  const body = JSON.stringify({ deviceName, nonce, proof: pairingProof(code, fingerprint, nonce) });
  return { nonce, answer: send(target, PAIR_PATH, { method: 'POST', body }) };
}

export const deskHeaders = (desk: DeskCredential, token?: string): Record<string, string> => ({
  [DEVICE_ID_HEADER]: desk.deviceId,
  [DEVICE_KEY_HEADER]: desk.deviceKey,
  ...(token ? { [SESSION_HEADER]: token } : {}),
});

export function callApi(target: Target, channel: string, input: unknown, headers: Record<string, string>) {
  return send(target, `/api/${channel}`, { method: 'POST', headers, body: JSON.stringify(input) });
}

/** A browser's state: its id cookie and the page's host secret, as a real browser would keep them. */
export interface BrowserState {
  cookie: string;
  secret: string;
}

export async function openPage(target: Target): Promise<BrowserState> {
  const page = await send(target, '/');
  const setCookie = page.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(';')[0] ?? '';
  const secret = /<meta name="loket-host-secret" content="([^"]+)"/.exec(page.text)?.[1] ?? '';
  return { cookie, secret };
}

export const browserHeaders = (browser: BrowserState, token?: string): Record<string, string> => ({
  cookie: browser.cookie,
  [HOST_SECRET_HEADER]: browser.secret,
  ...(token ? { [SESSION_HEADER]: token } : {}),
});

export interface EventReader {
  /** The `event: change` payloads received so far. */
  events: unknown[];
  status: Promise<number>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Resolves with the first event `match` accepts, or rejects after `withinMs`. */
  next(match: (event: unknown) => boolean, withinMs: number): Promise<unknown>;
  close(): void;
}

export function readEvents(target: Target, headers: Record<string, string>): EventReader {
  const events: unknown[] = [];
  const waiters: { match: (e: unknown) => boolean; resolve: (e: unknown) => void }[] = [];
  let resolveStatus: (s: number) => void = () => {};
  let resolveEnded: () => void = () => {};
  const status = new Promise<number>((r) => (resolveStatus = r));
  const ended = new Promise<void>((r) => (resolveEnded = r));
  let buffer = '';
  const req = request(
    {
      host: target.host,
      port: target.port,
      ca: target.ca,
      localAddress: target.localAddress,
      path: EVENTS_PATH,
      agent: false,
      headers,
    },
    (res) => {
      resolveStatus(res.statusCode ?? 0);
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = /^event: change\ndata: (.*)$/m.exec(block);
          if (!data?.[1]) continue;
          const event = JSON.parse(data[1]) as unknown;
          events.push(event);
          for (const w of [...waiters]) {
            if (!w.match(event)) continue;
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(event);
          }
        }
      });
      res.on('end', () => resolveEnded());
      res.on('close', () => resolveEnded());
    },
  );
  req.on('error', () => resolveEnded());
  req.end();
  return {
    events,
    status,
    ended,
    next(match, withinMs) {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event within ${withinMs} ms`)), withinMs);
        waiters.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
    close: () => req.destroy(),
  };
}
