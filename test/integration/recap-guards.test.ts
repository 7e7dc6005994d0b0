/**
 * The recap and the lists under misuse and damage: Kepala Dinas and Kabid (masked roles) cannot
 * search by a full NIK (it would tell them whether the person exists); a list that meets one row
 * whose sealed values do not open shows the others and marks that one; an import that races a
 * handover of the same NIK does not put that NIK into the recap twice.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { suggestMapping } from '../../src/main/core/records/import-mapping';
import { runImport } from '../../src/main/core/services/recap-import';
import { insertHolder } from '../../src/main/core/store/repos/holders';
import {
  APPLICANT_NIK,
  call,
  createApplication,
  errorOf,
  makeTempCore,
  readyOffice,
  type Staff,
  templateById,
  type TestCore,
  unwrap,
  walkToEnd,
} from '../helpers/core-fixture';

const TEMPLATE = 'trenggalek-2024';
let t: TestCore;
let staff: Staff;

beforeEach(async () => {
  t = await makeTempCore();
  ({ staff } = await readyOffice(t.core, TEMPLATE));
});
afterEach(async () => await t.close());

/** Flips one byte of a sealed value, as a damaged page or a value sealed under another key would read. */
async function damage(table: string, column: string, id: string): Promise<void> {
  const row = (await t.core.db.prepare(`SELECT ${column} AS v FROM ${table} WHERE id = ?`).get(id)) as { v: Buffer };
  const broken = Buffer.from(row.v);
  broken[broken.length - 1] = (broken[broken.length - 1] ?? 0) ^ 0xff;
  await t.core.db.prepare(`UPDATE ${table} SET ${column} = ? WHERE id = ?`).run(broken, id);
}

describe('masked roles search by name only', () => {
  it('a full NIK is refused for Kepala Dinas and Kabid in the recap and the application list; Kasi may', async () => {
    const app = await createApplication(t.core, staff, TEMPLATE);
    for (const role of ['kadin', 'kabid'] as const) {
      const recap = errorOf(
        await call(t.core, 'holders.list', { query: APPLICANT_NIK }, staff.tokens[role]),
        'VALIDATION_FAILED',
      );
      expect(recap.fields?.query).toContain('nama');
      errorOf(
        await call(t.core, 'applications.list', { query: APPLICANT_NIK, status: 'all' }, staff.tokens[role]),
        'VALIDATION_FAILED',
      );
      const byName = unwrap(
        await call(t.core, 'applications.list', { query: 'Budi', status: 'all' }, staff.tokens[role]),
      );
      expect(byName.map((a) => a.id)).toEqual([app.id]);
      expect(byName[0]?.nik).not.toBe(APPLICANT_NIK);
    }
    const kasi = unwrap(
      await call(t.core, 'applications.list', { query: APPLICANT_NIK, status: 'all' }, staff.tokens.kasi),
    );
    expect(kasi.map((a) => a.id)).toEqual([app.id]);
  });
});

describe('one unreadable row', () => {
  it('applications.list shows the other applications and marks the damaged one', async () => {
    const good = await createApplication(t.core, staff, TEMPLATE);
    const bad = await createApplication(t.core, staff, TEMPLATE);
    await damage('applications', 'nik_sealed', bad.id);
    const list = unwrap(await call(t.core, 'applications.list', { status: 'all' }, staff.tokens.verifikator));
    expect(list.map((a) => a.id).sort()).toEqual([good.id, bad.id].sort());
    const marked = list.find((a) => a.id === bad.id);
    expect(marked?.unreadable).toBe(true);
    expect(marked?.nik).not.toBe(APPLICANT_NIK);
    expect(list.find((a) => a.id === good.id)).toMatchObject({ nik: APPLICANT_NIK });
    expect(list.find((a) => a.id === good.id)?.unreadable).toBeUndefined();
    expect(t.loggedErrors).toEqual([]);
  });

  it('holders.list shows the other holders and marks the damaged one', async () => {
    const template = templateById(TEMPLATE);
    const a = await createApplication(t.core, staff, TEMPLATE);
    const b = await createApplication(t.core, staff, TEMPLATE);
    for (const app of [a, b]) await walkToEnd(t.core, staff, app.id, template, { clock: t.clock, minutesPerStep: 1 });
    const holderOf = async (appId: string) =>
      (await t.core.db.prepare('SELECT id FROM holders WHERE application_id = ?').pluck().get(appId)) as string;
    await damage('holders', 'phone_sealed', await holderOf(b.id));
    const page = unwrap(await call(t.core, 'holders.list', {}, staff.tokens.verifikator));
    expect(page.rows).toHaveLength(2);
    const [holderB, holderA] = [await holderOf(b.id), await holderOf(a.id)];
    expect(page.rows.find((r) => r.id === holderB)?.unreadable).toBe(true);
    expect(page.rows.find((r) => r.id === holderA)).toMatchObject({ nik: APPLICANT_NIK });
  });
});

describe('an import racing a handover', () => {
  it('does not put the NIK handed over meanwhile into the recap a second time', async () => {
    const header = [
      'No',
      'Nama Lengkap',
      'NIK',
      'NIP',
      'Unit Kerja',
      'Jabatan',
      'Email',
      'No. HP/WA',
      'Tanggal Terbit',
      'Berlaku s.d.',
    ];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Rekap TTE');
    ws.addRow(header);
    const niks = ['3503011506850101', '3503011506850102'];
    niks.forEach((nik, i) =>
      ws.addRow([
        i + 1,
        `Pegawai ${i}`,
        nik,
        `19850615201001110${i}`,
        'Dinas Pendidikan',
        'Guru',
        `p${i}@trenggalekkab.go.id`,
        `0812345600${i}0`,
        new Date(Date.UTC(2024, 0, 15)),
        null,
      ]),
    );
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    let handedOver = false;
    const done = await runImport({
      db: t.core.db,
      key: t.key,
      userId: staff.users.verifikator.id,
      now: t.clock.now(),
      fileName: 'rekap.xlsx',
      bytes,
      mapping: suggestMapping(header),
      onProgress: async (p) => {
        // While the file is being checked, the desk hands over a certificate to the first NIK.
        if (p.phase === 'saving' && !handedOver) {
          handedOver = true;
          await insertHolder(t.core.db, t.key, {
            id: 'handover-1',
            applicationId: null,
            name: 'Pegawai 0',
            nik: niks[0] ?? '',
            nip: '198506152010011100',
            agency: 'Dinas Pendidikan',
            position: 'Guru',
            officialEmail: null,
            phone: '081234560000',
            issuedAt: '2025-03-10',
            expiresAt: '2027-03-10',
            bsreStatus: 'ISSUE',
            createdAt: t.clock.now().toISOString(),
          });
        }
      },
    });
    expect(handedOver).toBe(true);
    expect(done).toMatchObject({ imported: 1, skipped: 1 });
    const perNik = (await t.core.db
      .prepare('SELECT nik_index, COUNT(*) AS n FROM holders GROUP BY nik_index')
      .all()) as {
      n: number;
    }[];
    expect(perNik.map((r) => r.n)).toEqual([1, 1]);
  });
});
