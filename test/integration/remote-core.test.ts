// The desk's remote core against a real HTTPS server on loopback: calls forwarded with the device
// and session headers, the certificate pinned (another certificate gets nothing, not even the
// headers), no answer → SERVER_UNREACHABLE and a retry with the same idempotency key, the change
// stream delivered and reconnected after the server restarts, and pairing proofs both ways.
import { afterEach, describe, expect, it } from 'vitest';

import { pairWithServer } from '../../src/main/desk/pair-with-server';
import { createRemoteCore, type RemoteCore } from '../../src/main/desk/remote-core';
import {
  DEVICE_ID_HEADER,
  DEVICE_KEY_HEADER,
  IDEMPOTENCY_HEADER,
  SESSION_HEADER,
} from '../../src/shared/contract/transport';
import { makeCert, type Received, startTestServer, type TestServer } from '../helpers/office-test-server';

const certA = makeCert('office-a');
const certB = makeCert('office-b');
const servers: TestServer[] = [];
const closers: (() => void)[] = [];

afterEach(async () => {
  closers.splice(0).forEach((close) => close());
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(options: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}

function remote(url: string, fingerprint = certA.fingerprint): RemoteCore {
  return createRemoteCore({
    url,
    fingerprint,
    deviceId: 'dev-1',
    deviceKey: 'secret-device-key-0123456789',
    connectTimeoutMs: 1_000,
    requestTimeoutMs: 2_000,
    reconnect: { baseMs: 50, maxMs: 200 },
  });
}

async function until(what: string, ready: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A loopback port nothing listens on: bind one, note it, free it. */
async function freePort(): Promise<number> {
  const probe = await startTestServer({ cert: certA });
  await probe.close();
  return probe.port;
}

describe('remote core', () => {
  it('forwards a call with the device, session and idempotency headers and returns the Result', async () => {
    const server = await serve({ cert: certA });
    const core = remote(server.url);
    const result = await core.dispatch(
      'queue.list',
      { page: 2 },
      { token: 'tok-1', idempotencyKey: 'key-aaaaaaaaaaaaaaaa' },
    );
    expect(result).toEqual({ ok: true, value: { echo: { page: 2 } } });
    const [call] = server.received;
    expect(call).toMatchObject({ method: 'POST', path: '/api/queue.list', body: '{"page":2}' });
    expect(call!.headers[DEVICE_ID_HEADER]).toBe('dev-1');
    expect(call!.headers[DEVICE_KEY_HEADER]).toBe('secret-device-key-0123456789');
    expect(call!.headers[SESSION_HEADER]).toBe('tok-1');
    expect(call!.headers[IDEMPOTENCY_HEADER]).toBe('key-aaaaaaaaaaaaaaaa');
  });

  it('passes the server refusals on, including a revoked device answered with 403', async () => {
    const server = await serve({
      cert: certA,
      onApi: () => ({ status: 403, result: { ok: false, error: { code: 'DEVICE_REVOKED', message: 'Dicabut.' } } }),
    });
    const result = await remote(server.url).dispatch('auth.me', {}, { token: null });
    expect(result).toEqual({ ok: false, error: { code: 'DEVICE_REVOKED', message: 'Dicabut.' } });
  });

  it('refuses a server with another certificate before sending anything to it', async () => {
    const impostor = await serve({ cert: certB });
    const core = remote(impostor.url, certA.fingerprint);
    const result = await core.dispatch('auth.login', { username: 'kasi', password: 'rahasia' }, { token: null });
    expect(result).toMatchObject({ ok: false, error: { code: 'SERVER_CERT_MISMATCH' } });
    if (!result.ok) expect(result.error.message).toContain('hubungi Admin');
    const seen: unknown[] = [];
    closers.push(core.subscribe('tok-1', (e) => seen.push(e)).close);
    await new Promise((r) => setTimeout(r, 300));
    expect(impostor.received).toEqual([]);
    expect(seen).toEqual([]);
  });

  it('answers SERVER_UNREACHABLE when nothing listens, and reports reachability', async () => {
    const core = remote(`https://127.0.0.1:${await freePort()}`);
    const changes: boolean[] = [];
    core.onReachability((reachable) => changes.push(reachable));
    const result = await core.dispatch('queue.list', {}, { token: 't' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'SERVER_UNREACHABLE', message: 'Server kantor tidak terjangkau — mencoba lagi…' },
    });
    expect(core.reachable).toBe(false);
    expect(changes).toEqual([false]);
  });

  it('a lost answer is SERVER_UNREACHABLE; the retry carries the same idempotency key and is answered once', async () => {
    const seenKeys: string[] = [];
    const stored = new Map<string, unknown>();
    const server = await serve({
      cert: certA,
      onApi: (r: Received) => {
        const key = String(r.headers[IDEMPOTENCY_HEADER]);
        seenKeys.push(key);
        if (!stored.has(key)) stored.set(key, { ok: true, value: { applicationId: `app-${stored.size + 1}` } });
        // The first answer is lost on the way back (the work was done and remembered).
        return seenKeys.length === 1 ? 'drop' : stored.get(key);
      },
    });
    const core = remote(server.url);
    const ctx = { token: 't', idempotencyKey: 'same-key-0123456789' };
    const first = await core.dispatch('applications.create', { name: 'Sri' }, ctx);
    expect(first).toMatchObject({ ok: false, error: { code: 'SERVER_UNREACHABLE' } });
    const second = await core.dispatch('applications.create', { name: 'Sri' }, ctx);
    expect(second).toEqual({ ok: true, value: { applicationId: 'app-1' } });
    expect(seenKeys).toEqual(['same-key-0123456789', 'same-key-0123456789']);
    expect(stored.size).toBe(1);
    expect(core.reachable).toBe(true);
  });

  it('times out on a server that accepts but never answers', async () => {
    const { default: https } = await import('node:https');
    const hanging = https.createServer({ key: certA.key, cert: certA.cert }, () => undefined);
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    closers.push(() => {
      hanging.closeAllConnections();
      hanging.close();
    });
    const port = (hanging.address() as import('node:net').AddressInfo).port;
    const core = createRemoteCore({
      url: `https://127.0.0.1:${port}`,
      fingerprint: certA.fingerprint,
      deviceId: 'd',
      deviceKey: 'k'.repeat(20),
      requestTimeoutMs: 300,
    });
    const started = Date.now();
    expect(await core.dispatch('queue.list', {}, { token: 't' })).toMatchObject({
      ok: false,
      error: { code: 'SERVER_UNREACHABLE' },
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('delivers change events and reconnects after the server restarts on the same address', async () => {
    const first = await serve({ cert: certA });
    const core = remote(first.url);
    const events: unknown[] = [];
    closers.push(core.subscribe('tok-9', (event) => events.push(event)).close);
    await until('the stream to open', () => first.streams() === 1);
    const streamRequest = first.received.find((r) => r.path === '/api/events')!;
    expect(streamRequest.headers[SESSION_HEADER]).toBe('tok-9');
    expect(streamRequest.headers[DEVICE_KEY_HEADER]).toBe('secret-device-key-0123456789');
    first.emit({ kind: 'application', applicationId: 'app-7' });
    first.emit({ kind: 'bogus' });
    first.emit({ kind: 'queue' });
    await until('two events', () => events.length === 2);
    expect(events).toEqual([{ kind: 'application', applicationId: 'app-7' }, { kind: 'queue' }]);

    await first.close();
    servers.splice(servers.indexOf(first), 1);
    await until('the desk to notice', () => !core.reachable);
    const second = await serve({ cert: certA, port: first.port });
    // The server counts the stream before the desk has read the answer's head: wait for both.
    await until('the stream to reopen', () => second.streams() === 1 && core.reachable);
    second.emit({ kind: 'recap' });
    await until('the event after the restart', () => events.length === 3);
    expect(events[2]).toEqual({ kind: 'recap' });
  });
});

describe('pairing', () => {
  it('pins the certificate the server presents once both proofs check out', async () => {
    const server = await serve({ cert: certA, pairingCode: 'QW7K-39XD-MNPT' });
    const result = await pairWithServer({
      url: `${server.url}/`,
      code: 'qw7k 39xd mnpt',
      deviceName: 'Meja Verifikator 1',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        url: server.url,
        fingerprint: certA.fingerprint,
        deviceId: 'dev-1',
        deviceKey: 'k'.repeat(43),
        officeName: 'Dinas Kominfo Trenggalek',
      },
    });
    const pair = server.received.find((r) => r.path === '/pair')!;
    expect(pair.body).not.toContain('QW7K');
    expect(JSON.parse(pair.body)).toMatchObject({ deviceName: 'Meja Verifikator 1' });
  });

  it('refuses a server whose proof is wrong (it does not know the code)', async () => {
    const server = await serve({
      cert: certA,
      pairingCode: 'QW7K-39XD-MNPT',
      tamperPairAnswer: (answer) => ({ ...answer, serverProof: 'A'.repeat(43) }),
    });
    const result = await pairWithServer({ url: server.url, code: 'QW7K-39XD-MNPT', deviceName: 'Meja 2' });
    expect(result).toMatchObject({ ok: false, error: { code: 'PAIRING_SERVER_UNVERIFIED' } });
  });

  it('refuses a server that claims another fingerprint than the certificate it presented', async () => {
    const server = await serve({
      cert: certA,
      pairingCode: 'QW7K-39XD-MNPT',
      tamperPairAnswer: (answer) => ({ ...answer, fingerprint: certB.fingerprint }),
    });
    const result = await pairWithServer({ url: server.url, code: 'QW7K-39XD-MNPT', deviceName: 'Meja 2' });
    expect(result).toMatchObject({ ok: false, error: { code: 'PAIRING_SERVER_UNVERIFIED' } });
  });

  it('passes the server refusal of a wrong code on, and reports an absent server', async () => {
    const server = await serve({ cert: certA, pairingCode: 'QW7K-39XD-MNPT' });
    expect(await pairWithServer({ url: server.url, code: 'WRONG-CODE', deviceName: 'Meja 2' })).toMatchObject({
      ok: false,
      error: { code: 'PAIRING_CODE_INVALID' },
    });
    const absent = await pairWithServer({
      url: `https://127.0.0.1:${await freePort()}`,
      code: 'QW7K-39XD-MNPT',
      deviceName: 'M',
    });
    expect(absent).toMatchObject({ ok: false, error: { code: 'SERVER_UNREACHABLE' } });
  });
});
