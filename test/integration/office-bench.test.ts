/**
 * Keeps `npm run bench -- office` from rotting: the bench's own office server (real core, SQLite,
 * BSrE simulator, HTTPS) and its desks (real pairing, the desk client) play the busy-morning mix for
 * about two seconds with two desks, heavy work included; every call must answer ok or with one of
 * the conflicts a busy office produces by itself. No timing is asserted here — that is the bench's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type BenchServer, startBenchServer } from '../../scripts/bench/office-bench-server';
import { EXPECTED_CONFLICTS, type Office, openOffice, runMix } from '../../scripts/bench/office-mix';

let server: BenchServer;
let office: Office;

beforeAll(async () => {
  server = await startBenchServer({ desks: 2, rows: 200 });
  office = await openOffice(server);
}, 30_000);

afterAll(async () => {
  await server?.close();
});

describe('office bench mix', () => {
  it('answers every call of a short busy morning with ok or an expected conflict', async () => {
    const records = await runMix(office, { durationMs: 2_000, heavy: true, thinkMs: 50 });
    const channels = new Set(records.map((r) => r.channel));
    for (const channel of [
      'applications.create',
      'applications.act',
      'queue.list',
      'holders.list',
      'identity.captureKtp',
      'reports.facilitationFile',
    ])
      expect(channels, channel).toContain(channel);
    const refused = records.filter((r) => r.code !== 'ok' && !EXPECTED_CONFLICTS.includes(r.code));
    expect(refused.map((r) => `${r.channel} ${r.code}`)).toEqual([]);
    expect(records.some((r) => r.heavyInFlight && r.channel === 'queue.list')).toBe(true);
    expect(server.loggedErrors).toEqual([]);
    expect(server.readLag().samples).toBeGreaterThan(0);
  }, 60_000);
});
