/** The volume seeder writes rows the app itself can read back: valid NIKs, sealed fields, closed SOPs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { listHolderIdentities } from '../../../src/main/core/store/repos/holders';
import { checkNik } from '../../../src/shared/identity/nik';
import { checkNip } from '../../../src/shared/identity/nip';
import { call, makeTempCore, readyOffice, type TestCore, unwrap } from '../../helpers/core-fixture';
import { seedVolume, type VolumeSummary } from '../../helpers/volume-seed';
import { openVolumeCore, VOLUME_SIZE } from '../../helpers/volume-store';

describe('volume seeder', () => {
  let t: TestCore;
  let summary: VolumeSummary;
  let kasi: string;

  beforeAll(async () => {
    t = await makeTempCore(new Date('2026-11-20T03:00:00Z'));
    const { staff } = await readyOffice(t.core, 'trenggalek-2024');
    kasi = staff.tokens.kasi;
    summary = await seedVolume(t.core.db, t.key, {
      applications: 2_000,
      holders: 1_500,
      now: t.clock.now(),
      templateId: 'trenggalek-2024',
      creatorId: staff.users.verifikator.id,
      verifierIds: [staff.users.verifikator.id],
    });
  });
  afterAll(async () => await t.close());

  it('writes the requested counts with open, closed and issued applications', async () => {
    const count = async (sql: string) => ((await t.core.db.prepare(sql).get()) as { n: number }).n;
    expect(await count('SELECT count(*) AS n FROM applications')).toBe(2_000);
    expect(await count('SELECT count(*) AS n FROM holders')).toBe(1_500);
    expect(await count("SELECT count(*) AS n FROM applications WHERE status IN ('inProgress','returned')")).toBe(
      summary.open,
    );
    expect(summary.open).toBeGreaterThan(0);
    expect(summary.completed).toBeGreaterThan(1_500);
    expect(await count('SELECT count(*) AS n FROM step_events')).toBe(summary.stepEvents);
    expect(
      await count(
        "SELECT count(*) AS n FROM applications WHERE status = 'completed' AND (issued_at IS NULL OR expires_at IS NULL)",
      ),
    ).toBe(0);
  });

  it('seals NIKs the app can open, and they pass the NIK and NIP checks', async () => {
    const identities = (await listHolderIdentities(t.core.db, t.key)).slice(0, 200);
    expect(identities).toHaveLength(200);
    for (const h of identities) expect(checkNik(h.nik, new Date('2026-11-20')).errors).toEqual([]);
    const nips = (await t.core.db.prepare('SELECT nip FROM holders LIMIT 200').all()) as { nip: string }[];
    for (const { nip } of nips) expect(checkNip(nip).valid).toBe(true);
  });

  it('seeded applications open through the application service', async () => {
    const id = (
      (await t.core.db.prepare("SELECT id FROM applications WHERE status = 'completed' LIMIT 1").get()) as {
        id: string;
      }
    ).id;
    const detail = unwrap(await call(t.core, 'applications.get', { id }, kasi));
    expect(detail.status).toBe('completed');
    expect(detail.applicant.nik).toMatch(/^\d{16}$/);
    expect(detail.events.length).toBeGreaterThanOrEqual(9);
  });
});

describe('the cached 100k office', () => {
  it('opens a private copy with every staff role signed in and the full volume', async () => {
    const first = await openVolumeCore();
    const second = await openVolumeCore();
    try {
      const count = async (v: typeof first, table: string) =>
        ((await v.core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get()) as { n: number }).n;
      expect(await count(first, 'applications')).toBe(VOLUME_SIZE.applications);
      expect(await count(first, 'holders')).toBe(VOLUME_SIZE.holders);
      expect(first.summary.stepEvents).toBe(await count(first, 'step_events'));
      // Copies are independent: a write to one is not seen by the other.
      await first.core.db.prepare("UPDATE holders SET name = 'Diubah' WHERE rowid = 1").run();
      expect(
        ((await second.core.db.prepare('SELECT name FROM holders WHERE rowid = 1').get()) as { name: string }).name,
      ).not.toBe('Diubah');
      const me = unwrap(await call(first.core, 'auth.me', {}, first.staff.tokens.kasi));
      expect(me.user.role).toBe('kasi');
    } finally {
      await first.close();
      await second.close();
    }
  }, 180_000);
});
