import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type Core, createCore } from '../../src/main/core/app';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import { HOST_SECRET_HEADER } from '../../src/main/web/host-guard';
import { SESSION_HEADER, startWebHost, type WebHost } from '../../src/main/web/server';
import { countRows, setupInput, TEST_PASSWORD_COST } from '../helpers/core-fixture';

let dir: string;
let core: Core;
let host: WebHost;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loket-web-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Loket TTE</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the static folder');
  core = await createCore({
    dbPath: join(dir, 'db.sqlite'),
    keyProvider: new StaticKeyProvider(),
    passwordCost: TEST_PASSWORD_COST,
  });
  host = await startWebHost({ core, staticDir, port: 0, maxBodyBytes: 1024 * 1024 });
});

afterEach(async () => {
  await host.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (channel: string, body: string, headers: Record<string, string> = {}) =>
  fetch(new URL(`api/${channel}`, host.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [HOST_SECRET_HEADER]: host.secret, ...headers },
    body,
  });

/** A raw HTTP request, so the test can send any Host header (fetch does not let it). */
function raw(
  path: string,
  method: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; text: string }> {
  const { port } = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: Number(port),
        path,
        method,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Whether a TCP connection to address:port is accepted. */
function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

const initialized = async () =>
  ((await (await post('setup.status', '{}')).json()) as { value: { initialized: boolean } }).value.initialized;

describe('web host', () => {
  it('listens on loopback only and serves the renderer with a strict CSP', async () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
    const res = await fetch(host.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain('Loket TTE');
  });

  it('is bound to 127.0.0.1 itself: another loopback address and the LAN address are refused', async () => {
    const port = Number(new URL(host.url).port);
    expect(await accepts('127.0.0.1', port)).toBe(true);
    expect(await accepts('127.0.0.2', port)).toBe(false);
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (lan) expect(await accepts(lan.address, port)).toBe(false);
  });

  it('puts a fresh 32-byte secret into the served page, as a <meta> (no inline script), never the same twice', async () => {
    expect(host.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(host.secret, 'base64url')).toHaveLength(32);
    const page = await (await fetch(host.url)).text();
    expect(page).toContain(`<meta name="loket-host-secret" content="${host.secret}" />`);
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)/);
    const spaRoute = await (await fetch(new URL('antrean', host.url))).text();
    expect(spaRoute).toContain(host.secret);
    const other = await startWebHost({ core, staticDir: join(dir, 'renderer'), port: 0 });
    try {
      expect(other.secret).not.toBe(host.secret);
      const wrongHost = await fetch(new URL('api/setup.status', other.url), {
        method: 'POST',
        headers: { [HOST_SECRET_HEADER]: host.secret },
        body: '{}',
      });
      expect(wrongHost.status).toBe(403);
    } finally {
      await other.close();
    }
  });

  it('refuses /api calls without the secret or with a wrong one (403, HOST_SECRET_INVALID) and dispatches nothing', async () => {
    const before = await countRows(core.db);
    const setup = JSON.stringify(setupInput('trenggalek-2024'));
    const nearMiss = host.secret.slice(0, -1) + (host.secret.endsWith('A') ? 'B' : 'A');
    for (const headers of [
      { [HOST_SECRET_HEADER]: '' },
      { [HOST_SECRET_HEADER]: nearMiss },
      { [HOST_SECRET_HEADER]: `${host.secret}x` },
      { [HOST_SECRET_HEADER]: host.secret.toLowerCase() },
    ]) {
      const res = await post('setup.initialize', setup, headers);
      expect(res.status).toBe(403);
      const body = (await res.json()) as { ok: boolean; error: { code: string; message: string } };
      expect(body).toMatchObject({ ok: false, error: { code: 'HOST_SECRET_INVALID' } });
      expect(body.error.message).toMatch(/ditolak/);
    }
    const missing = await raw('/api/setup.initialize', 'POST', {}, setup);
    expect(missing.status).toBe(403);
    expect(JSON.parse(missing.text)).toMatchObject({ error: { code: 'HOST_SECRET_INVALID' } });
    expect(await countRows(core.db)).toEqual(before);
    expect(await initialized()).toBe(false);
  });

  it('refuses a foreign Host header (DNS rebinding): no page, no secret, no API', async () => {
    const { port } = new URL(host.url);
    for (const name of [
      `evil.example:${port}`,
      'evil.example',
      '127.0.0.1',
      `127.0.0.1:${Number(port) + 1}`,
      `localhost.evil.example:${port}`,
    ]) {
      const page = await raw('/', 'GET', { host: name });
      expect(page.status).toBe(403);
      expect(page.text).not.toContain(host.secret);
      const call = await raw(
        '/api/setup.initialize',
        'POST',
        { host: name, [HOST_SECRET_HEADER]: host.secret },
        JSON.stringify(setupInput('trenggalek-2024')),
      );
      expect(call.status).toBe(403);
      expect(JSON.parse(call.text)).toMatchObject({ ok: false, error: { code: 'HOST_NOT_ALLOWED' } });
    }
    expect((await raw('/', 'GET', { host: `localhost:${port}` })).status).toBe(200);
    expect(await initialized()).toBe(false);
  });

  it('refuses a cross-origin call even with the secret; the same origin is fine', async () => {
    const origin = new URL(host.url).origin;
    for (const bad of [
      'http://evil.example',
      'null',
      `https://127.0.0.1:${new URL(host.url).port}`,
      `${origin}.evil.example`,
    ]) {
      const res = await post('setup.initialize', JSON.stringify(setupInput('trenggalek-2024')), { origin: bad });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'HOST_NOT_ALLOWED' } });
    }
    expect(await initialized()).toBe(false);
    const same = await post('setup.status', '{}', { origin });
    expect(await same.json()).toMatchObject({ ok: true });
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const res = await fetch(host.url.replace(/\/$/, '') + path);
      expect(await res.text()).not.toContain('outside the static folder');
    }
  });

  it('answers the contract over POST with the Result shape', async () => {
    const res = await post('setup.status', '{}');
    const body = (await res.json()) as { ok: boolean; value: { initialized: boolean } };
    expect(body).toMatchObject({ ok: true, value: { initialized: false } });
  });

  it('gives stable codes for unknown channels, bad JSON, GET and oversized bodies', async () => {
    expect(await (await post('nope.nothing', '{}')).json()).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(await (await post('auth.login', '{"username":')).json()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(
      (await fetch(new URL('api/setup.status', host.url), { headers: { [HOST_SECRET_HEADER]: host.secret } })).status,
    ).toBe(405);
    const big = await post('auth.login', JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('reads the session token from its header only', async () => {
    const noToken = await (await post('auth.me', '{}')).json();
    expect(noToken).toMatchObject({ ok: false, error: { code: 'NOT_AUTHENTICATED' } });
    const bogus = await (await post('auth.me', '{}', { [SESSION_HEADER]: 'not-a-session' })).json();
    expect(bogus).toMatchObject({ ok: false, error: { code: 'NOT_AUTHENTICATED' } });
  });
});
