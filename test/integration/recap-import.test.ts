/**
 * Import of an office's existing recap from real XLSX (built with exceljs) and CSV text: the
 * suggested mapping, every validation rule, duplicates, all-or-nothing commit, progress, audit.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { parseCsv } from '../../src/main/core/records/csv';
import { parseDateCell } from '../../src/main/core/records/import-dates';
import { suggestMapping } from '../../src/main/core/records/import-mapping';
import { COMMIT_CHUNK } from '../../src/main/core/services/recap-import';
import { insertHolder } from '../../src/main/core/store/repos/holders';
import type { ImportProgress } from '../../src/shared/domain/recap';
import {
  auditActions,
  call,
  errorOf,
  makeTempCore,
  readyOffice,
  type Staff,
  type TestCore,
  unwrap,
} from '../helpers/core-fixture';

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const nikOf = (i: number) => `3503011506850${pad(i, 3)}`;
const nipOf = (i: number) => `198506152010011${pad(i, 3)}`;
const HEADER = [
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

type Row = (string | number | Date | null)[];
const good = (i: number, overrides: Partial<Record<number, string | number | Date | null>> = {}): Row => {
  const row: Row = [
    i,
    `Pegawai ${i}`,
    nikOf(i),
    nipOf(i),
    'Dinas Pendidikan',
    'Guru',
    `p${i}@trenggalekkab.go.id`,
    `08123456${pad(i, 4)}`,
    new Date(Date.UTC(2024, 0, 15)),
    null,
  ];
  for (const [k, v] of Object.entries(overrides)) row[Number(k)] = v ?? null;
  return row;
};

async function xlsx(rows: Row[], header = HEADER): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Rekap TTE');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
const csv = (text: string) => Buffer.from(text, 'utf8').toString('base64');

let t: TestCore;
let staff: Staff;
beforeEach(async () => {
  t = await makeTempCore();
  ({ staff } = await readyOffice(t.core, 'trenggalek-2024'));
});
afterEach(async () => await t.close());

const count = async (sql: string) => ((await t.core.db.prepare(sql).get()) as { n: number }).n;

/**
 * A database that refuses one row mid-import (a BEFORE INSERT trigger: SQLite's RAISE, PostgreSQL's
 * plpgsql exception), as a full disk or a constraint would; answers the function that lifts it.
 */
async function refuseHolderNamed(name: string): Promise<() => Promise<void>> {
  if (t.core.db.engine === 'sqlite') {
    await t.core.db.exec(
      `CREATE TRIGGER refuse_row BEFORE INSERT ON holders WHEN NEW.name = '${name}' BEGIN SELECT RAISE(ABORT, 'ditolak'); END`,
    );
    return () => t.core.db.exec('DROP TRIGGER refuse_row');
  }
  await t.core.db.exec(`
    CREATE FUNCTION refuse_row() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.name = '${name}' THEN RAISE EXCEPTION 'ditolak'; END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER refuse_row BEFORE INSERT ON holders FOR EACH ROW EXECUTE FUNCTION refuse_row();`);
  return () => t.core.db.exec('DROP TRIGGER refuse_row ON holders; DROP FUNCTION refuse_row();');
}

describe('parsing pieces', () => {
  it('reads CSV with ; separators, quotes, doubled quotes, line breaks in a field and a BOM', () => {
    expect(parseCsv('\ufeffNama;NIK\r\n"Santoso; Budi";"35""03"\r\n"Baris\ndua";x\r\n')).toEqual([
      ['Nama', 'NIK'],
      ['Santoso; Budi', '35"03'],
      ['Baris\ndua', 'x'],
    ]);
    expect(parseCsv('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reads the dates offices type', () => {
    expect(parseDateCell('12/01/2025')).toBe('2025-01-12');
    expect(parseDateCell('12-01-2025')).toBe('2025-01-12');
    expect(parseDateCell('2025-01-12')).toBe('2025-01-12');
    expect(parseDateCell('12 Januari 2025')).toBe('2025-01-12');
    expect(parseDateCell('3 Agt 2024')).toBe('2024-08-03');
    expect(parseDateCell(45669)).toBe('2025-01-12'); // Excel serial
    expect(parseDateCell(new Date(Date.UTC(2025, 0, 12)))).toBe('2025-01-12');
    expect(parseDateCell('31/02/2025')).toBeNull();
    expect(parseDateCell('besok')).toBeNull();
  });

  it('suggests a mapping from Indonesian headers', () => {
    expect(suggestMapping(HEADER)).toEqual({
      name: 1,
      nik: 2,
      nip: 3,
      agency: 4,
      position: 5,
      officialEmail: 6,
      phone: 7,
      issuedAt: 8,
      expiresAt: 9,
    });
    expect(
      suggestMapping(['NAMA', 'No KTP', 'NIP Baru', 'Instansi', 'Telepon', 'Tgl Terbit', 'Tanggal Kedaluwarsa']),
    ).toEqual({
      name: 0,
      nik: 1,
      nip: 2,
      agency: 3,
      phone: 4,
      issuedAt: 5,
      expiresAt: 6,
    });
  });
});

describe('holders.importPreview', () => {
  it('reports every rule per row with the spreadsheet row number', async () => {
    await insertHolder(t.core.db, t.key, {
      id: 'already',
      applicationId: null,
      name: 'Sudah Ada',
      nik: nikOf(9),
      nip: nipOf(9),
      agency: 'Bappeda',
      position: '',
      officialEmail: null,
      phone: '',
      issuedAt: '2024-01-01',
      expiresAt: '2025-12-31',
      bsreStatus: 'ISSUE',
      createdAt: t.clock.now().toISOString(),
    });
    const rows: Row[] = [
      good(1), // row 2: valid
      good(2, { 2: '3503011306850002x' }), // row 3: NIK not 16 digits
      good(3, { 3: '198513152010011003' }), // row 4: NIP month 13
      good(4, { 1: '' }), // row 5: no name
      good(5, { 2: nikOf(1) }), // row 6: same NIK as row 2
      good(9), // row 7: NIK already in the recap
      good(6, { 8: '31/02/2024' }), // row 8: unreadable issue date
      good(7, { 8: '12 Januari 2025', 9: '01-01-2025' }), // row 9: expiry before issue
      good(8, { 8: '12/01/2025', 9: '2027-01-11' }), // row 10: valid, explicit expiry
    ];
    const preview = unwrap(
      await call(
        t.core,
        'holders.importPreview',
        { fileName: 'rekap.xlsx', dataBase64: await xlsx(rows) },
        staff.tokens.verifikator,
      ),
    );
    expect(preview.columns).toEqual(HEADER);
    expect(preview.mapping).toMatchObject({ name: 1, nik: 2, nip: 3, agency: 4, issuedAt: 8, expiresAt: 9 });
    expect(preview.totalRows).toBe(9);
    expect(preview.validRows).toBe(2);
    const byRow = Object.fromEntries(preview.issues.map((i) => [i.row, i]));
    expect(byRow[3]).toMatchObject({ field: 'nik', message: expect.stringContaining('16 digit') });
    expect(byRow[4]).toMatchObject({ field: 'nip', message: expect.stringContaining('NIP') });
    expect(byRow[5]).toMatchObject({ field: 'name', message: 'Nama wajib diisi' });
    expect(byRow[6]).toMatchObject({ field: 'nik', message: 'NIK sama dengan baris 2 di berkas ini' });
    expect(byRow[7]).toMatchObject({ field: 'nik', message: 'NIK ini sudah ada di rekap pengguna TTE' });
    expect(byRow[8]).toMatchObject({ field: 'issuedAt', message: expect.stringContaining('tidak dapat dibaca') });
    expect(byRow[9]).toMatchObject({ field: 'expiresAt', message: expect.stringContaining('lebih awal') });
    expect(byRow[2]).toBeUndefined();
    expect(byRow[10]).toBeUndefined();
    expect(await count('SELECT count(*) AS n FROM holders')).toBe(1); // a preview writes nothing
  });

  it('flags a NIK or NIP that Excel stored as a number and rounded', async () => {
    const rows: Row[] = [
      good(1, { 2: 3503011506850001, 3: Number('198506152010011001') }),
      good(2, { 2: '3.50301E+15' }),
    ];
    const preview = unwrap(
      await call(
        t.core,
        'holders.importPreview',
        { fileName: 'rekap.xlsx', dataBase64: await xlsx(rows) },
        staff.tokens.kasi,
      ),
    );
    expect(preview.validRows).toBe(0);
    expect(preview.issues.map((i) => [i.row, i.field])).toEqual([
      [2, 'nip'],
      [3, 'nik'],
    ]);
    expect(preview.issues[0]?.message).toContain('Teks');
  });

  it('reads a ;-separated CSV with a BOM, quoted fields and Indonesian dates', async () => {
    const text = `\ufeffNama;NIK;NIP;OPD;Jabatan;Email;No HP;Tanggal Terbit;Tanggal Kedaluwarsa\r\n"Santoso, Budi";${nikOf(1)};${nipOf(1)};"Dinas ""Kominfo""";Pranata;;+6281234567001;12 Januari 2025;\r\n`;
    const preview = unwrap(
      await call(
        t.core,
        'holders.importPreview',
        { fileName: 'rekap.csv', dataBase64: csv(text) },
        staff.tokens.verifikator,
      ),
    );
    expect(preview.mapping).toEqual({
      name: 0,
      nik: 1,
      nip: 2,
      agency: 3,
      position: 4,
      officialEmail: 5,
      phone: 6,
      issuedAt: 7,
      expiresAt: 8,
    });
    expect(preview.issues).toEqual([]);
    expect(preview.validRows).toBe(1);
  });

  it('refuses unreadable, empty and badly mapped files, and roles outside the desk', async () => {
    errorOf(
      await call(
        t.core,
        'holders.importPreview',
        { fileName: 'x.xlsx', dataBase64: Buffer.from('PK\u0003\u0004rusak').toString('base64') },
        staff.tokens.kasi,
      ),
      'IMPORT_UNREADABLE',
    );
    errorOf(
      await call(
        t.core,
        'holders.importPreview',
        { fileName: 'x.csv', dataBase64: csv('Nama;NIK\r\n') },
        staff.tokens.kasi,
      ),
      'IMPORT_EMPTY',
    );
    errorOf(
      await call(
        t.core,
        'holders.importPreview',
        { fileName: 'x.csv', dataBase64: csv('Nama;NIK\r\nA;1\r\n'), mapping: { name: 7 } },
        staff.tokens.kasi,
      ),
      'VALIDATION_FAILED',
    );
    errorOf(
      await call(
        t.core,
        'holders.importPreview',
        { fileName: 'x.csv', dataBase64: csv('Nama\r\nA\r\n') },
        staff.tokens.kadin,
      ),
      'FORBIDDEN',
    );
  });
});

describe('holders.importCommit', () => {
  it('imports only the valid rows with expiry = issue + 2 years − 1 day, records the import, audits it, and reports done', async () => {
    const rows: Row[] = [
      good(1),
      good(2, { 1: '' }),
      good(3, { 9: '2026-01-14' }),
      good(4, { 8: new Date(Date.UTC(2023, 0, 2)) }),
    ];
    const data = await xlsx(rows);
    const mapping = unwrap(
      await call(
        t.core,
        'holders.importPreview',
        { fileName: 'rekap.xlsx', dataBase64: data },
        staff.tokens.verifikator,
      ),
    ).mapping;
    const seen: ImportProgress[] = [];
    const pending = call(
      t.core,
      'holders.importCommit',
      { fileName: 'rekap.xlsx', dataBase64: data, mapping },
      staff.tokens.verifikator,
    );
    seen.push(unwrap(await call(t.core, 'holders.importProgress', {}, staff.tokens.verifikator)));
    const done = unwrap(await pending);
    expect(seen[0]?.state).toBe('running');
    expect(done).toMatchObject({ state: 'done', processed: 4, total: 4, imported: 3, skipped: 1 });
    expect(unwrap(await call(t.core, 'holders.importProgress', {}, staff.tokens.kasi))).toMatchObject({
      state: 'done',
      imported: 3,
    });

    const list = unwrap(await call(t.core, 'holders.list', { sort: 'name' }, staff.tokens.verifikator)).rows;
    expect(list.map((h) => [h.name, h.issuedAt, h.expiresAt, h.bsreStatus])).toEqual([
      ['Pegawai 1', '2024-01-15', '2026-01-14', 'ISSUE'],
      ['Pegawai 3', '2024-01-15', '2026-01-14', 'ISSUE'],
      ['Pegawai 4', '2023-01-02', '2025-01-01', 'EXPIRED'],
    ]);
    expect(list[0]?.nik).toBe(nikOf(1));
    expect(
      await count("SELECT count(*) AS n FROM holders WHERE source = 'import' AND import_id = '" + done.importId + "'"),
    ).toBe(3);
    expect(
      await t.core.db.prepare('SELECT file_name, total_rows, imported, skipped FROM holder_imports').all(),
    ).toEqual([{ file_name: 'rekap.xlsx', total_rows: 4, imported: 3, skipped: 1 }]);
    const [audit] = await auditActions(t.core.db, 'holders.imported');
    expect(audit?.entity_id).toBe(done.importId);
    expect(JSON.parse(audit?.detail_json ?? '{}')).toMatchObject({ fileName: 'rekap.xlsx', imported: 3, skipped: 1 });
    expect(audit?.detail_json).not.toContain(nikOf(1));

    // The same file again: every NIK is now in the recap, nothing to import.
    errorOf(
      await call(
        t.core,
        'holders.importCommit',
        { fileName: 'rekap.xlsx', dataBase64: data, mapping },
        staff.tokens.verifikator,
      ),
      'IMPORT_NOTHING_VALID',
    );
  });

  it('writes nothing when a row fails mid-way in the database', async () => {
    const allow = await refuseHolderNamed('Pegawai 30');
    const rows = Array.from({ length: 60 }, (_, i) => good(i + 1));
    const data = await xlsx(rows);
    const mapping = suggestMapping(HEADER);
    const before = (await auditActions(t.core.db, 'holders.imported')).length;
    errorOf(
      await call(
        t.core,
        'holders.importCommit',
        { fileName: 'rekap.xlsx', dataBase64: data, mapping },
        staff.tokens.kasi,
      ),
      'INTERNAL_ERROR',
    );
    expect(await count('SELECT count(*) AS n FROM holders')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM holder_imports')).toBe(0);
    expect((await auditActions(t.core.db, 'holders.imported')).length).toBe(before);
    expect(unwrap(await call(t.core, 'holders.importProgress', {}, staff.tokens.kasi))).toMatchObject({
      state: 'failed',
      imported: 0,
    });
    await allow();
    expect(
      unwrap(
        await call(
          t.core,
          'holders.importCommit',
          { fileName: 'rekap.xlsx', dataBase64: data, mapping },
          staff.tokens.kasi,
        ),
      ).imported,
    ).toBe(60);
  });

  it('commits in chunks of COMMIT_CHUNK rows and takes out earlier chunks when a later one fails', async () => {
    expect(COMMIT_CHUNK).toBe(200);
    const allow = await refuseHolderNamed('Pegawai 900');
    const rows = Array.from({ length: 999 }, (_, i) => good(i + 1));
    const data = await xlsx(rows);
    const mapping = suggestMapping(HEADER);
    const input = { fileName: 'rekap.xlsx', dataBase64: data, mapping };
    errorOf(await call(t.core, 'holders.importCommit', input, staff.tokens.kasi), 'INTERNAL_ERROR');
    // Row 900 is in the fifth chunk: the first four chunks' 800 rows were committed, then removed.
    expect(await count('SELECT count(*) AS n FROM holders')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM holder_imports')).toBe(0);
    await allow();
    expect(unwrap(await call(t.core, 'holders.importCommit', input, staff.tokens.kasi)).imported).toBe(999);
    expect(await count('SELECT count(*) AS n FROM holders')).toBe(999);
    expect(await count('SELECT imported AS n FROM holder_imports')).toBe(999);
  });

  it('needs every required field mapped', async () => {
    const data = await xlsx([good(1)]);
    const e = errorOf(
      await call(
        t.core,
        'holders.importCommit',
        { fileName: 'r.xlsx', dataBase64: data, mapping: { name: 1, nik: 2 } },
        staff.tokens.kasi,
      ),
      'VALIDATION_FAILED',
    );
    expect(e.message).toContain('NIP');
    expect(await count('SELECT count(*) AS n FROM holders')).toBe(0);
  });
});
