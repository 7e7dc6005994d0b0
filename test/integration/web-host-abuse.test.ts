/**
 * The web host against a local program that has read the page's secret (any local program can):
 * a body over the small pre-session limit is refused before it is read; a malformed URL is a 400
 * with nothing logged; a sign-in flood from one source stops costing password hashes and does not
 * lock the real user out at another source; an intake retried through HTTP with the same
 * idempotency header is written once.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { type Core, createCore } from '../../src/main/core/app';
import { ManualClock } from '../../src/main/core/clock';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import { SOURCE_LIMIT } from '../../src/main/core/services/source-throttle';
import { HOST_SECRET_HEADER } from '../../src/main/web/host-guard';
import {
  IDEMPOTENCY_HEADER,
  PRE_SESSION_BODY_BYTES,
  SESSION_HEADER,
  startWebHost,
  type WebHost,
} from '../../src/main/web/server';
import {
  ADMIN_PASSWORD,
  ADMIN_USERNAME,
  call,
  countRows,
  createStaff,
  errorOf,
  setupOffice,
  START,
  TEST_PASSWORD_COST,
  unwrap,
  validIntake,
} from '../helpers/core-fixture';

let dir: string;
let core: Core;
let host: WebHost;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loket-web-abuse-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Loket TTE</title>');
  core = await createCore({
    dbPath: join(dir, 'db.sqlite'),
    keyProvider: new StaticKeyProvider(),
    clock: new ManualClock(START),
    logger: { info: () => {}, error: () => {} },
    passwordCost: TEST_PASSWORD_COST,
  });
  host = await startWebHost({ core, staticDir, port: 0 });
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

/** Sends a raw request line and returns the status of the answer. */
function rawStatus(requestLine: string): Promise<number> {
  const { port } = new URL(host.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(`${requestLine}\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    });
    let text = '';
    socket.on('data', (d) => (text += d.toString()));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

describe('the web host under local abuse', () => {
  it('refuses a body over the pre-session limit without a session, accepts it with one', async () => {
    const admin = await setupOffice(core, 'trenggalek-2024');
    const big = JSON.stringify({ username: 'x'.repeat(PRE_SESSION_BODY_BYTES + 1), password: 'y' });
    const refused = await post('auth.login', big);
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    const forged = await post('applications.create', big, { [SESSION_HEADER]: 'not-a-session' });
    expect(forged.status).toBe(413);
    const signedIn = await post('users.create', big, { [SESSION_HEADER]: admin.token });
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('answers a malformed URL with 400 and logs nothing', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await rawStatus('GET /%E0%A4%A HTTP/1.1')).toBe(400);
      expect(await rawStatus('GET /assets/%ZZ.js HTTP/1.1')).toBe(400);
      expect(await rawStatus('POST /api/%E0%A4%A HTTP/1.1')).toBe(400);
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });

  it('a sign-in flood from one source is cut off and does not lock the user out elsewhere', async () => {
    await setupOffice(core, 'trenggalek-2024');
    const flood = { token: null, source: 'web:10.0.0.66' };
    for (let i = 0; i < SOURCE_LIMIT.maxFailures; i++)
      await core.dispatch('auth.login', { username: ADMIN_USERNAME, password: `salah-${i}` }, flood);
    // The flooding source is refused even with the right password, and no hash is computed for it.
    const cut = await core.dispatch('auth.login', { username: ADMIN_USERNAME, password: ADMIN_PASSWORD }, flood);
    expect(errorOf(cut, 'ACCOUNT_LOCKED_TEMPORARILY').message).toContain('perangkat ini');
    // The real Admin at their own desk signs in as usual.
    const real = await core.dispatch(
      'auth.login',
      { username: ADMIN_USERNAME, password: ADMIN_PASSWORD },
      { token: null, source: 'web:10.0.0.10' },
    );
    expect(real.ok).toBe(true);
  });

  it('an intake retried over HTTP with the same idempotency header is written once', async () => {
    const admin = await setupOffice(core, 'trenggalek-2024');
    const staff = await createStaff(core, admin.token);
    const body = JSON.stringify(validIntake('trenggalek-2024'));
    const headers = { [SESSION_HEADER]: staff.tokens.verifikator, [IDEMPOTENCY_HEADER]: 'http-retry-0001-abcdefgh' };
    const [a, b] = await Promise.all([
      post('applications.create', body, headers),
      post('applications.create', body, headers),
    ]);
    const c = await post('applications.create', body, headers);
    const ids = await Promise.all([a, b, c].map(async (r) => ((await r.json()) as { value: { id: string } }).value.id));
    expect(new Set(ids).size).toBe(1);
    expect((await countRows(core.db)).applications).toBe(1);
    unwrap(await call(core, 'applications.get', { id: ids[0] ?? '' }, staff.tokens.verifikator));
  });
});
