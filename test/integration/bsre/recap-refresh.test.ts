/** The recap of TTE users refreshed against BSrE: progress, and holders whose status disagrees flagged. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { expectedRecapStatus } from '../../../src/main/core/services/recap-refresh';
import { insertHolder } from '../../../src/main/core/store/repos/holders';
import { type BsreTestCore, startBsreCore } from '../../helpers/bsre-core';
import { call, createStaff, setupOffice, type Staff, unwrap } from '../../helpers/core-fixture';

let t: BsreTestCore;
let staff: Staff;

beforeEach(async () => {
  t = await startBsreCore();
  const admin = await setupOffice(t.core, 'trenggalek-2024');
  staff = await createStaff(t.core, admin.token);
});
afterEach(async () => {
  await t.shutdown();
});

async function holder(id: string, nik: string, expiresAt: string) {
  await insertHolder(t.core.db, t.key, {
    id,
    applicationId: null,
    name: `Pemegang ${id}`,
    nik,
    nip: '198506152010011003',
    agency: 'Bappeda',
    position: 'Analis',
    officialEmail: null,
    phone: '081234567890',
    issuedAt: '2024-01-10',
    expiresAt,
    bsreStatus: 'ISSUE',
    createdAt: t.clock.now().toISOString(),
  });
}

async function waitUntilDone() {
  for (let i = 0; i < 200; i += 1) {
    const p = unwrap(await call(t.core, 'holders.refreshProgress', {}, staff.tokens.kasi));
    if (!p.running) return p;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('refresh did not finish');
}

describe('refreshing the recap against BSrE', () => {
  it('expects ISSUE until the expiry date and EXPIRED after it', () => {
    expect(expectedRecapStatus('2026-01-09', '2026-01-09')).toBe('ISSUE');
    expect(expectedRecapStatus('2026-01-08', '2026-01-09')).toBe('EXPIRED');
  });

  it('checks every holder, counts progress and flags the ones BSrE disagrees with', async () => {
    // START is 10 March 2025: a certificate to 2026 should be ISSUE.
    t.sim().users.seed({ nik: '3503011506850001', nama: 'A', email: 'a@kab.go.id', status: 'ISSUE' });
    t.sim().users.seed({ nik: '3503011506850002', nama: 'B', email: 'b@kab.go.id', status: 'REVOKE' });
    await holder('h1', '3503011506850001', '2026-01-09');
    await holder('h2', '3503011506850002', '2026-01-09');
    await holder('h3', '3503011506850003', '2026-01-09');

    const announced: string[] = [];
    t.core.events.subscribe((e) => announced.push(e.kind));
    const started = unwrap(await call(t.core, 'holders.refreshBsre', {}, staff.tokens.kasi));
    expect(started.total).toBe(3);
    const done = await waitUntilDone();
    // The recap screens are told to re-read once the pass is over.
    expect(announced).toContain('recap');
    expect(done).toMatchObject({ done: 3, total: 3, mismatches: 2, failed: 0 });

    const { rows } = unwrap(await call(t.core, 'holders.list', { query: '' }, staff.tokens.kasi));
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName['Pemegang h1']).toMatchObject({ bsreStatus: 'ISSUE', bsreMismatch: false });
    expect(byName['Pemegang h2']).toMatchObject({ bsreStatus: 'REVOKE', bsreMismatch: true });
    // Production answers a NIK it has no user for with NO_CERTIFICATE: still not what the recap expects.
    expect(byName['Pemegang h3']).toMatchObject({ bsreStatus: 'NO_CERTIFICATE', bsreMismatch: true });
    expect(byName['Pemegang h1']?.bsreCheckedAt).not.toBeNull();
  });

  it('stops and says why when BSrE refuses the credentials', async () => {
    await holder('h1', '3503011506850001', '2026-01-09');
    await holder('h2', '3503011506850002', '2026-01-09');
    t.sim().faults.set({ unauthorized: true });
    unwrap(await call(t.core, 'holders.refreshBsre', {}, staff.tokens.kasi));
    const done = await waitUntilDone();
    expect(done.failed).toBe(1);
    expect(done.done).toBe(0);
    expect(done.message).toMatch(/Dihentikan/);
  });

  it('is for the desk roles only', async () => {
    const refused = await call(t.core, 'holders.refreshBsre', {}, staff.tokens.kadin);
    expect(refused.ok).toBe(false);
  });
});
