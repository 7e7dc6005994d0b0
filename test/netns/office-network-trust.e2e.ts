/**
 * When the office network goes wrong (issue 13, "Proof"), on real hosts with the real server and the
 * real desk client: a cable pulled while the server's answer is on its way, then a retry with the same
 * idempotency key, gives exactly one application; a different server on the server's address (another
 * certificate) is refused before anything is sent to it; a revoked desk is refused and its event
 * stream closes.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ApplicationDetail, ApplicationSummary } from '../../src/shared/domain/application';
import type { QueueView } from '../../src/shared/domain/queue';
import { setupInput, STAFF_PASSWORD } from '../helpers/core-fixture';
import { execCommand, IP } from '../helpers/netns';
import {
  type Answer,
  fingerprintIn,
  ok,
  readStore,
  type RealOffice,
  startRealOffice,
  TEMPLATE,
} from '../helpers/netns-real-office';

let o: RealOffice;
let impostorDataDir: string;

beforeAll(async () => {
  o = await startRealOffice();
  impostorDataDir = mkdtempSync(join(tmpdir(), 'loket-netns-impostor-'));
}, 120_000);

afterAll(async () => {
  await o?.destroy();
  if (impostorDataDir) rmSync(impostorDataDir, { recursive: true, force: true });
});

/** Applications of this person the Kasi's desk can see, in any state. */
const applicationsOf = async (nik: string) =>
  ok<ApplicationSummary[]>(await o.call('kasi', 'applications.list', { query: nik, status: 'all' }));

/** `tc` on the LAN switch (the bridge's port towards a host). */
async function tc(...args: string[]): Promise<void> {
  const result = await execCommand(IP, ['netns', 'exec', o.office.lanNs, 'tc', ...args]);
  expect(result.code, result.stderr).toBe(0);
}

describe('the office network when things go wrong', () => {
  it('a cable pulled while the answer is on its way, then a retry with the same key, gives exactly one application', async () => {
    const input = o.intake();
    const key = randomUUID();
    const port = o.office.host('verif').vethLan;
    // The wire towards the verifier carries 2 KB/s: the create's answer (about 2.3 KB of JSON, after a
    // 1.6 KB burst) is still on its way for a few hundred ms when the cable goes.
    await tc('qdisc', 'add', 'dev', port, 'root', 'tbf', 'rate', '16kbit', 'burst', '1600', 'latency', '20s');
    await o.desks.verif.call('setRequestTimeout', 2_500);
    const since = Date.now();
    const attempt = o.call<ApplicationDetail>('verif', 'applications.create', input, key);
    // The Kasi's desk sees the server has created it; the answer to the verifier is still on the wire.
    let created: ApplicationSummary[] = [];
    while (created.length === 0 && Date.now() - since < 5_000) created = await applicationsOf(input.applicant.nik);
    await o.office.cutLink('verif');
    expect(
      created.map((a) => a.applicantName),
      'the server created the application',
    ).toEqual([input.applicant.name]);
    const lost = await attempt;
    expect(lost.ok ? 'ok' : lost.error.code, 'the answer never reached the desk').toBe('SERVER_UNREACHABLE');
    expect((await applicationsOf(input.applicant.nik)).length, 'the server has it').toBe(1);
    await o.office.restoreLink('verif');
    await tc('qdisc', 'del', 'dev', port, 'root');
    await o.desks.verif.call('setRequestTimeout', 60_000);

    // The desk keeps the draft and retries with the same key until the server answers again (right
    // after the cable is back the kernel may still answer "no route to host" once).
    const restoredAt = Date.now();
    let retry = await o.call<ApplicationDetail>('verif', 'applications.create', input, key);
    let attempts = 1;
    while (!retry.ok && retry.error.code === 'SERVER_UNREACHABLE' && Date.now() - restoredAt < 15_000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      retry = await o.call<ApplicationDetail>('verif', 'applications.create', input, key);
      attempts += 1;
    }
    console.log(
      `[office-network] retry answered after ${attempts} attempt(s), ${Date.now() - restoredAt} ms after the cable was back`,
    );
    expect(ok<ApplicationDetail>(retry).id, 'the retry names the application the lost answer was about').toBe(
      created[0]!.id,
    );
    expect((await applicationsOf(input.applicant.nik)).length, 'still exactly one').toBe(1);
  });

  it('refuses a different server on the server’s address, nothing reaching it; works again with the real one', async () => {
    const realFingerprint = fingerprintIn(o.server.output());
    await o.server.stop();
    const impostor = await o.startServer(impostorDataDir);
    const impostorFingerprint = fingerprintIn(impostor.output());
    expect(impostorFingerprint).not.toBe(realFingerprint);
    expect(await o.desks.verif.call('presentedFingerprint', o.url), 'the impostor answers there').toBe(
      impostorFingerprint,
    );

    // What a fresh server would accept from anyone: first-run setup. The desk sends nothing to it.
    const impostorStore = () =>
      readStore<{ office: number; users: number; audit: number; devices: number }>(
        impostorDataDir,
        'SELECT (SELECT COUNT(*) FROM office) AS office, (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM audit_log) AS audit, (SELECT COUNT(*) FROM devices) AS devices',
      )[0];
    const atStart = impostorStore();
    expect(atStart).toMatchObject({ office: 0, devices: 0 });
    const setup = await o.desks.verif.call<Answer>('call', 'setup.initialize', setupInput(TEMPLATE), {
      anonymous: true,
    });
    const create = await o.call('verif', 'applications.create', o.intake(), randomUUID());
    for (const answer of [setup, create]) expect(answer.ok ? 'ok' : answer.error.code).toBe('SERVER_CERT_MISMATCH');
    await impostor.stop();
    expect(impostorStore(), 'the impostor’s store is as it started: no setup, no desk, no audit entry').toEqual(
      atStart,
    );

    // The real server back on its data folder: same certificate; sessions were in its memory, so the
    // verifier signs in again and works.
    o.server = await o.startServer(o.dataDir);
    expect(fingerprintIn(o.server.output())).toBe(realFingerprint);
    await o.signIn('verif');
    expect(ok<QueueView>(await o.call('verif', 'queue.list', {})).counts.total).toBeGreaterThan(0);
  });

  it('refuses a revoked desk: DEVICE_REVOKED on its next call, and its event stream closes', async () => {
    await o.signIn('admin');
    await o.signIn('kasi');
    const stream = await o.desks.kasi.call<{ id: number; status: number }>('openRawStream');
    expect(stream.status).toBe(200);
    expect(await o.desks.kasi.call('rawStreamEnded', stream.id, 300), 'open before the revocation').toBeNull();

    const revokedAt = Date.now();
    const revoked = ok<{ revokedAt: string | null }>(
      await o.call('admin', 'network.revokeDevice', { deviceId: o.deviceIds.kasi }),
    );
    expect(revoked.revokedAt).not.toBeNull();
    const endedAt = await o.desks.kasi.call<number | null>('rawStreamEnded', stream.id, 2_000);
    expect(endedAt, 'the stream ended').not.toBeNull();
    console.log(
      `[office-network] the revoked desk's event stream ended ${endedAt! - revokedAt} ms after the revocation`,
    );

    const next = await o.call('kasi', 'queue.list', {});
    expect(next.ok ? 'ok' : next.error.code).toBe('DEVICE_REVOKED');
    const again = await o.desks.kasi.call<Answer>('signIn', 'kasi.satu', STAFF_PASSWORD);
    expect(again.ok ? 'ok' : again.error.code, 'not even a new sign-in').toBe('DEVICE_REVOKED');
    const reopened = await o.desks.kasi.call<{ status: number }>('openRawStream');
    expect(reopened.status, 'the stream is refused too').toBe(403);
    expect(ok<QueueView>(await o.call('verif', 'queue.list', {})).counts.total, 'other desks go on').toBeGreaterThan(0);
  });
});
