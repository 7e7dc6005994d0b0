/**
 * The real client against the simulator with each fault switch on: what the outcome is, whether
 * reads were retried (and waited as told), and above all that a registration whose answer got lost
 * is reported as `unknown` while the simulator shows it was applied exactly once.
 */
import { createServer } from 'node:net';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createBsreClient } from '../../../src/main/core/bsre/client';
import { type BsreSimulator, startBsreSimulator } from '../../../src/main/core/bsre/simulator';
import type { BsreSettings } from '../../../src/main/core/bsre/types';
import { ManualClock } from '../../../src/main/core/clock';
import { simSettings } from '../../helpers/bsre-settings';

const USER = 'loket';
const PASSWORD = 'rahasia-uji';
const clock = new ManualClock(new Date('2025-03-10T02:00:00.000Z'));

let sim: BsreSimulator;
let sleeps: number[];

function makeClient(overrides: Partial<BsreSettings> = {}) {
  const settings = simSettings(
    sim.url,
    { username: USER, password: PASSWORD },
    { timeouts: { statusMs: 600, registrationMs: 600, chainMs: 600, verifyMs: 600 }, ...overrides },
  );
  return createBsreClient(settings, {
    clock,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

let counter = 0;
function person() {
  counter += 1;
  return {
    nama: `Pemohon ${counter}`,
    email: `pemohon${counter}@madiunkab.go.id`,
    nik: `351901020390${String(counter).padStart(4, '0')}`,
  };
}

beforeAll(async () => {
  sim = await startBsreSimulator({ username: USER, password: PASSWORD, clock });
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  sim.faults.clear();
  sleeps = [];
});

describe('latency and 401', () => {
  it('completes under added latency', async () => {
    sim.faults.set({ latencyMs: 150 });
    const outcome = await makeClient().checkStatus({ nik: '3519000000000001' });
    expect(outcome).toMatchObject({ kind: 'ok', value: { status: 'NO_CERTIFICATE' } });
  });

  it('an unauthorized fault is reported as unauthorized and not retried', async () => {
    sim.faults.set({ unauthorized: true });
    const outcome = await makeClient().checkStatus({ nik: '3519000000000001' });
    expect(outcome).toMatchObject({ kind: 'unauthorized', raw: { httpStatus: 401, attempts: 1 } });
    expect(sleeps).toEqual([]);
  });
});

describe('429 and 5xx on reads', () => {
  it('429 once: retried after Retry-After, then ok', async () => {
    sim.faults.set({ tooManyRequests: true, remaining: 1 });
    const outcome = await makeClient().checkStatus({ nik: '3519000000000001' });
    expect(outcome).toMatchObject({ kind: 'ok', raw: { attempts: 2, httpStatus: 200 } });
    expect(sleeps).toEqual([1000]);
    expect(sim.faults.current().remaining).toBe(0);
  });

  it('429 persistent: unavailable after 3 attempts, with the server Retry-After', async () => {
    sim.faults.set({ tooManyRequests: true });
    const outcome = await makeClient().certificateChain('3519000000000001');
    expect(outcome).toMatchObject({ kind: 'unavailable', retryAfterMs: 1000, raw: { attempts: 3, httpStatus: 429 } });
    expect(sleeps).toEqual([1000, 1000]);
  });

  it('503 once: retried with jittered backoff, then ok', async () => {
    sim.faults.set({ serverError: 503, remaining: 1 });
    const outcome = await makeClient().checkStatus({ nik: '3519000000000001' });
    expect(outcome).toMatchObject({ kind: 'ok', raw: { attempts: 2 } });
    expect(sleeps).toEqual([250]);
  });

  it('503 persistent: unavailable after exponential backoff, without throwing on the HTML body', async () => {
    sim.faults.set({ serverError: 503 });
    const outcome = await makeClient().verifyPdf('JVBERi0xLjcK');
    expect(outcome).toMatchObject({ kind: 'unavailable', raw: { attempts: 3, httpStatus: 503 } });
    expect(outcome.raw?.body).toContain('503 Service Unavailable');
    expect(sleeps).toEqual([250, 500]);
  });

  it('500 is not in the retry list: unavailable at once; the next call succeeds', async () => {
    sim.faults.set({ serverError: 500, remaining: 1 });
    const first = await makeClient().checkStatus({ nik: '3519000000000001' });
    expect(first).toMatchObject({ kind: 'unavailable', raw: { attempts: 1, httpStatus: 500 } });
    expect(sleeps).toEqual([]);
    expect((await makeClient().checkStatus({ nik: '3519000000000001' })).kind).toBe('ok');
  });

  it('500 persistent stays unavailable', async () => {
    sim.faults.set({ serverError: 500 });
    expect(await makeClient().certificateChain('x')).toMatchObject({ kind: 'unavailable', raw: { httpStatus: 500 } });
  });
});

describe('registration is never retried', () => {
  it('429 or 503 on registration: unavailable after one attempt and nothing applied', async () => {
    for (const fault of [{ tooManyRequests: true }, { serverError: 503 as const }]) {
      sim.faults.set({ ...fault, onlyFor: 'registration' });
      const p = person();
      const outcome = await makeClient().register(p);
      expect(outcome).toMatchObject({ kind: 'unavailable', raw: { attempts: 1 } });
      expect(sim.registrationCount(p.nik)).toBe(0);
      sim.faults.clear();
    }
    expect(sleeps).toEqual([]);
  });

  it('500 on registration is unknown (the relay may have applied it); a status check resolves it', async () => {
    sim.faults.set({ serverError: 500, onlyFor: 'registration' });
    const p = person();
    const outcome = await makeClient().register(p);
    expect(outcome).toMatchObject({ kind: 'unknown', raw: { attempts: 1, httpStatus: 500 } });
    expect(sim.registrationCount(p.email)).toBe(0);
    expect(await makeClient().checkStatus({ email: p.email })).toMatchObject({
      kind: 'ok',
      value: { status: 'NOT_REGISTERED' },
    });
  });

  it('timeoutAfterReceive: unknown, applied exactly once, status shows NO_CERTIFICATE', async () => {
    sim.faults.set({ timeoutAfterReceive: true, onlyFor: 'registration' });
    const p = person();
    const outcome = await makeClient({
      timeouts: { statusMs: 600, registrationMs: 300, chainMs: 600, verifyMs: 600 },
    }).register(p);
    expect(outcome).toMatchObject({ kind: 'unknown', raw: { attempts: 1, httpStatus: null } });
    expect(outcome.kind === 'unknown' && outcome.message).toMatch(/waktu tunggu habis/);
    expect(sim.registrationCount(p.email)).toBe(1);
    expect(sim.registrationCount()).toBeGreaterThanOrEqual(1);
    expect(await makeClient().checkStatus({ email: p.email })).toMatchObject({
      kind: 'ok',
      value: { status: 'NO_CERTIFICATE', statusCode: '2021' },
    });
    expect(sleeps).toEqual([]);
  });

  it('dropConnection: unknown, applied exactly once', async () => {
    sim.faults.set({ dropConnection: true, onlyFor: 'registration' });
    const p = person();
    const outcome = await makeClient().register(p);
    expect(outcome).toMatchObject({ kind: 'unknown', raw: { attempts: 1 } });
    expect(sim.registrationCount(p.email)).toBe(1);
    sim.faults.clear();
    expect(await makeClient().checkStatus({ email: p.email })).toMatchObject({
      kind: 'ok',
      value: { status: 'NO_CERTIFICATE' },
    });
  });

  it('timeoutBeforeApply: unknown, and BSrE has nothing (the email is NOT_REGISTERED)', async () => {
    sim.faults.set({ timeoutBeforeApply: true, onlyFor: 'registration' });
    const p = person();
    const outcome = await makeClient({
      timeouts: { statusMs: 600, registrationMs: 300, chainMs: 600, verifyMs: 600 },
    }).register(p);
    expect(outcome).toMatchObject({ kind: 'unknown', raw: { attempts: 1, httpStatus: null } });
    expect(sim.registrationCount(p.email)).toBe(0);
    expect(await makeClient().checkStatus({ email: p.email })).toMatchObject({ value: { status: 'NOT_REGISTERED' } });
    // …while the NIK alone answers NO_CERTIFICATE, as production does: it must never settle a registration.
    expect(await makeClient().checkStatus({ nik: p.nik })).toMatchObject({ value: { status: 'NO_CERTIFICATE' } });
  });

  it('a non-JSON or empty 2xx to a registration is "sent, to be confirmed by status", keeping the text', async () => {
    sim.faults.set({ nonJsonBody: true, onlyFor: 'registration' });
    const p = person();
    const outcome = await makeClient().register(p);
    expect(outcome).toMatchObject({ kind: 'ok', value: { confirmed: false } });
    expect(outcome.kind === 'ok' && String(outcome.value.body)).toContain('<html>');
    expect(sim.users.get(p.email)?.status).toBe('NO_CERTIFICATE');
    sim.faults.set({ nonJsonBody: false, registrationReply: 'empty', onlyFor: 'registration' });
    const q = person();
    const empty = await makeClient().register(q);
    expect(empty).toMatchObject({ kind: 'ok', value: { confirmed: false, body: null }, raw: { httpStatus: 200 } });
    expect(sim.users.get(q.email)?.status).toBe('NO_CERTIFICATE');
  });

  it("a 2xx that carries an error, success:false or a non-success status_code is a refusal with BSrE's text", async () => {
    const cases = [
      ['error', { bsreCode: '2013', message: /email sudah digunakan/ }],
      ['successFalse', { bsreCode: null, message: /data pendaftar tidak valid/ }],
      ['statusCode', { bsreCode: '2002', message: /instansi tidak dikenal/ }],
    ] as const;
    for (const [reply, expected] of cases) {
      sim.faults.set({ registrationReply: reply, onlyFor: 'registration' });
      const p = person();
      const outcome = await makeClient().register(p);
      expect(outcome).toMatchObject({ kind: 'rejected', httpStatus: 200, bsreCode: expected.bsreCode });
      expect(outcome.kind === 'rejected' && outcome.message).toMatch(expected.message);
      expect(sim.users.get(p.email)).toBeUndefined();
    }
    expect(() => sim.faults.set({ registrationReply: 'maybe' as never })).toThrow(/registrationReply/);
  });

  it('connection refused: unavailable for a registration (surely not sent) and for reads after retries', async () => {
    const port = await freePort();
    const dead = () => makeClient({ baseUrl: `http://127.0.0.1:${port}` });
    const p = person();
    expect(await dead().register(p)).toMatchObject({ kind: 'unavailable', raw: { attempts: 1, httpStatus: null } });
    const read = await dead().checkStatus({ nik: p.nik });
    expect(read).toMatchObject({ kind: 'unavailable', raw: { attempts: 3 } });
    expect(read.kind === 'unavailable' && read.message).toMatch(/ECONNREFUSED/);
  });
});

describe('broken answers on reads', () => {
  it('non-JSON body on status: not ok, no throw, raw kept', async () => {
    sim.faults.set({ nonJsonBody: true, onlyFor: 'status' });
    const outcome = await makeClient().checkStatus({ nik: '3519000000000001' });
    expect(outcome).toMatchObject({ kind: 'unavailable', raw: { httpStatus: 200, attempts: 1 } });
    expect(outcome.raw?.contentType).toMatch(/text\/html/);
    expect(outcome.raw?.body).toContain('<html>');
  });

  it('timeoutAfterReceive on status: retried; unavailable when it persists', async () => {
    sim.faults.set({ timeoutAfterReceive: true, onlyFor: 'status', remaining: 1 });
    const client = makeClient({ timeouts: { statusMs: 300, registrationMs: 600, chainMs: 600, verifyMs: 600 } });
    expect(await client.checkStatus({ nik: '3519000000000001' })).toMatchObject({ kind: 'ok', raw: { attempts: 2 } });
    sim.faults.set({ timeoutAfterReceive: true, onlyFor: 'status', remaining: undefined });
    const outcome = await client.checkStatus({ nik: '3519000000000001' });
    expect(outcome).toMatchObject({ kind: 'unavailable', raw: { attempts: 3, httpStatus: null } });
    expect(outcome.kind === 'unavailable' && outcome.message).toMatch(/waktu tunggu habis/);
  });

  it('dropConnection on a read: retried, then the real answer arrives', async () => {
    sim.faults.set({ dropConnection: true, onlyFor: 'chain', remaining: 1 });
    const outcome = await makeClient().certificateChain('tidak-ada');
    expect(outcome).toMatchObject({ kind: 'rejected', httpStatus: 400, raw: { attempts: 2 } });
  });
});

describe('fault switch rules', () => {
  it('onlyFor leaves other operations alone and remaining counts down per affected request', async () => {
    sim.faults.set({ serverError: 500, onlyFor: 'verify', remaining: 2 });
    expect((await makeClient().checkStatus({ nik: '3519000000000001' })).kind).toBe('ok');
    expect(sim.faults.current().remaining).toBe(2);
    // A 500 JSON on verify is what production says about a bad file: a refusal, never retried.
    expect(await makeClient().verifyPdf('JVBERi0xLjcK')).toMatchObject({ kind: 'rejected', raw: { attempts: 1 } });
    expect(sim.faults.current().remaining).toBe(1);
  });

  it('refuses nonsense settings', () => {
    expect(() => sim.faults.set({ serverError: 418 as unknown as 500 })).toThrow(/serverError/);
    expect(() => sim.faults.set({ latencyMs: -1 })).toThrow(/latencyMs/);
    expect(() => sim.faults.set({ onlyFor: 'sign' as unknown as 'status' })).toThrow(/onlyFor/);
    expect(() => sim.faults.set({ bogus: true } as never)).toThrow(/bogus/);
    expect(sim.faults.current()).toMatchObject({ serverError: null, latencyMs: 0 });
  });
});

/** A loopback port nothing listens on. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
