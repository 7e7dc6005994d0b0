import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../src/main/core/app';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import { SESSION_HEADER, startWebHost, type WebHost } from '../../src/main/web/server';

let dir: string;
let core: Core;
let host: WebHost;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loket-web-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Loket TTE</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the static folder');
  core = createCore({ dbPath: join(dir, 'db.sqlite'), keyProvider: new StaticKeyProvider() });
  host = await startWebHost({ core, staticDir, port: 0, maxBodyBytes: 1024 * 1024 });
});

afterEach(async () => {
  await host.close();
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (channel: string, body: string, headers: Record<string, string> = {}) =>
  fetch(new URL(`api/${channel}`, host.url), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('web host', () => {
  it('listens on loopback only and serves the renderer with a strict CSP', async () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
    const res = await fetch(host.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain('Loket TTE');
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
    expect(await (await post('nope.nothing', '{}')).json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await (await post('auth.login', '{"username":')).json()).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect((await fetch(new URL('api/setup.status', host.url))).status).toBe(405);
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
