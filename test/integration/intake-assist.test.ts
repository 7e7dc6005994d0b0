/**
 * Intake in three fields, through dispatch on a real store: the staff directory import (mapping
 * from Indonesian headers, a report per row, re-import updates, HP sealed), the NIP lookup, the
 * Kasi's list of retired/transferred holders, one open application per person, the collective
 * letter, the BSrE name used in the queued registration, the letter's PDF text read, the sealed
 * draft, the agenda number, and a refused file named on its own field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openText } from '../../src/main/core/crypto/aead';
import type { ApplicationDetail } from '../../src/shared/domain/application';
import { startBsreCore } from '../helpers/bsre-core';
import {
  actCurrentStep,
  APPLICANT_NIK,
  applicantNik,
  call,
  defaultUpload,
  errorOf,
  makeTempCore,
  pdfBytes,
  readyOffice,
  type Staff,
  type TestCore,
  unwrap,
  upload,
  validIntake,
  walkToEnd,
} from '../helpers/core-fixture';

let t: TestCore;
let staff: Staff;
let adminToken: string;

beforeEach(async () => {
  t = await makeTempCore();
  const ready = await readyOffice(t.core, 'trenggalek-2024');
  staff = ready.staff;
  adminToken = ready.admin.token;
});

afterEach(async () => await t.close());

const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(';')).join('\r\n'), 'utf8').toString('base64');

const STAFF_EXPORT = [
  ['NIP Baru', 'Nama Lengkap', 'Golongan Ruang', 'Jabatan', 'Unit Kerja', 'Email', 'No HP', 'Kedudukan Hukum'],
  [
    "'198506152010011003",
    'Drs. Budi Santoso, M.Si.',
    'Penata (III/c)',
    'Analis Kebijakan',
    'Dinas Pendidikan',
    'budi.santoso@trenggalekkab.go.id',
    '0812 3456 7890',
    'Aktif',
  ],
  ["'198506152010011001", 'Agus Salim', 'Penata Muda (III/a)', 'Pranata Komputer', 'Bappeda', '', '', 'Pensiun'],
  ['1985061520100', 'NIP Pendek', 'III/a', 'Staf', 'Bappeda', '', '', 'Aktif'],
  ["'198506152010012001", '', 'III/b', 'Staf', 'Bappeda', 'bukan-email', '', 'Aktif'],
];

describe('staff directory', () => {
  it('suggests the mapping from Indonesian headers, reports per row, imports valid rows with HP sealed, re-import updates', async () => {
    const file = { fileName: 'siasn.csv', dataBase64: csv(STAFF_EXPORT) };
    const preview = unwrap(await call(t.core, 'staff.importPreview', file, adminToken));
    expect(preview.mapping).toEqual({
      nip: 0,
      name: 1,
      rank: 2,
      position: 3,
      agency: 4,
      officialEmail: 5,
      phone: 6,
      employmentStatus: 7,
    });
    expect(preview).toMatchObject({ totalRows: 4, validRows: 2, newRows: 2, updatedRows: 0 });
    expect(preview.issues.map((i) => [i.row, i.field])).toEqual([
      [4, 'nip'],
      [5, 'name'],
      [5, 'officialEmail'],
    ]);

    const done = unwrap(await call(t.core, 'staff.importCommit', { ...file, mapping: preview.mapping }, adminToken));
    expect(done).toMatchObject({ inserted: 2, updated: 0, skipped: 2 });
    const raw = (await t.core.db
      .prepare('SELECT phone_sealed FROM staff_directory WHERE nip = ?')
      .get('198506152010011003')) as {
      phone_sealed: Buffer;
    };
    expect(raw.phone_sealed.toString('latin1')).not.toContain('081234567890');
    expect(openText(t.key, raw.phone_sealed, 'staff:198506152010011003:phone')).toBe('081234567890');

    const found = unwrap(
      await call(t.core, 'staff.lookup', { nip: '19850615 201001 1 003' }, staff.tokens.verifikator),
    );
    expect(found.found).toMatchObject({
      name: 'Drs. Budi Santoso, M.Si.',
      rank: 'Penata (III/c)',
      position: 'Analis Kebijakan',
      agency: 'Dinas Pendidikan',
      officialEmail: 'budi.santoso@trenggalekkab.go.id',
      phone: '081234567890',
      employmentStatus: 'active',
    });
    expect(found.warning).toBeNull();
    const retired = unwrap(await call(t.core, 'staff.lookup', { nip: '198506152010011001' }, staff.tokens.verifikator));
    expect(retired.found?.employmentStatus).toBe('retired');
    expect(retired.warning).toContain('Pensiun');

    // Re-import: Budi moved; an empty HP keeps the stored one.
    const moved = STAFF_EXPORT.slice(0, 2).map((r) => [...r]);
    (moved[1] as string[])[4] = 'Dinas Kominfo';
    (moved[1] as string[])[6] = '';
    (moved[1] as string[])[7] = 'Mutasi keluar';
    const again = { fileName: 'siasn-2.csv', dataBase64: csv(moved) };
    const second = unwrap(await call(t.core, 'staff.importCommit', { ...again, mapping: preview.mapping }, adminToken));
    expect(second).toMatchObject({ inserted: 0, updated: 1, skipped: 0 });
    const after = unwrap(await call(t.core, 'staff.lookup', { nip: '198506152010011003' }, staff.tokens.verifikator));
    expect(after.found).toMatchObject({
      agency: 'Dinas Kominfo',
      phone: '081234567890',
      employmentStatus: 'transferred',
    });
    expect(await t.core.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'staff.lookup'").pluck().get()).toBe(
      3,
    );
  });

  it('lists recap holders whose NIP the directory marks retired or transferred, for the Kasi', async () => {
    const holders = [
      ['Nama', 'NIK', 'NIP', 'Unit Kerja', 'Tanggal Terbit'],
      ['Agus Salim', applicantNik(0), "'198506152010011001", 'Bappeda', '12/01/2025'],
      ['Budi Santoso', applicantNik(1), "'198506152010011003", 'Dinas Pendidikan', '12/01/2025'],
    ];
    const recap = { fileName: 'rekap.csv', dataBase64: csv(holders) };
    const p = unwrap(await call(t.core, 'holders.importPreview', recap, staff.tokens.verifikator));
    unwrap(await call(t.core, 'holders.importCommit', { ...recap, mapping: p.mapping }, staff.tokens.verifikator));
    const file = { fileName: 'siasn.csv', dataBase64: csv(STAFF_EXPORT) };
    const preview = unwrap(await call(t.core, 'staff.importPreview', file, adminToken));
    unwrap(await call(t.core, 'staff.importCommit', { ...file, mapping: preview.mapping }, adminToken));

    const list = unwrap(await call(t.core, 'staff.flags', {}, staff.tokens.kasi));
    expect(list.directorySize).toBe(2);
    expect(list.flags.map((f) => [f.name, f.employmentStatus, f.suggestion])).toEqual([
      ['Agus Salim', 'retired', 'revocation'],
    ]);
    errorOf(await call(t.core, 'staff.flags', {}, staff.tokens.verifikator), 'FORBIDDEN');
    errorOf(
      await call(t.core, 'staff.importCommit', { ...file, mapping: preview.mapping }, staff.tokens.kasi),
      'FORBIDDEN',
    );
  });
});

describe('one open application per person', () => {
  it('refuses a second intake for an open NIK with a link to it, allows a parallel service, counts one in the report', async () => {
    const first = unwrap(
      await call(t.core, 'applications.create', validIntake('trenggalek-2024'), staff.tokens.verifikator),
    );
    const before = await t.core.db.prepare('SELECT COUNT(*) FROM applications').pluck().get();
    const again = errorOf(
      await call(t.core, 'applications.create', validIntake('trenggalek-2024'), staff.tokens.verifikator),
      'APPLICATION_ALREADY_OPEN',
    );
    expect(again.fields?.openApplicationId).toBe(first.id);
    expect(again.fields?.['applicant.nik']).toContain(first.referenceNo);
    expect(again.message).toContain(first.referenceNo);
    expect(await t.core.db.prepare('SELECT COUNT(*) FROM applications').pluck().get()).toBe(before);

    // Another service type is refused too, unless the office allows it in parallel (passphrase help by default).
    const renewal = { ...validIntake('trenggalek-2024'), serviceType: 'dataChange' as const };
    errorOf(await call(t.core, 'applications.create', renewal, staff.tokens.verifikator), 'APPLICATION_ALREADY_OPEN');
    const help = { ...validIntake('trenggalek-2024'), serviceType: 'passphraseHelp' as const };
    unwrap(await call(t.core, 'applications.create', help, staff.tokens.verifikator));
    unwrap(
      await call(
        t.core,
        'intake.updateSettings',
        { agendaFormat: '{n:4}/TTE/{yyyy}', parallelServiceTypes: ['passphraseHelp', 'dataChange'] },
        adminToken,
      ),
    );
    unwrap(await call(t.core, 'applications.create', renewal, staff.tokens.verifikator));

    const report = unwrap(
      await call(
        t.core,
        'reports.facilitation',
        { period: { kind: 'month', year: 2025, month: 3 } },
        staff.tokens.kasi,
      ),
    );
    expect(report.totals.received).toBe(3);
    const newOnes = await t.core.db
      .prepare(
        "SELECT COUNT(*) FROM applications WHERE service_type = 'new' AND nik_index = (SELECT nik_index FROM applications WHERE id = ?)",
      )
      .pluck()
      .get(first.id);
    expect(newOnes).toBe(1);
  });

  it('allows a new application once the earlier one is closed', async () => {
    const first = unwrap(
      await call(t.core, 'applications.create', validIntake('trenggalek-2024'), staff.tokens.verifikator),
    );
    unwrap(
      await call(
        t.core,
        'applications.reject',
        { applicationId: first.id, stepNo: 2, reason: 'Bukan ASN daerah ini' },
        staff.tokens.kadin,
      ),
    );
    const second = unwrap(
      await call(t.core, 'applications.create', validIntake('trenggalek-2024'), staff.tokens.verifikator),
    );
    expect(second.id).not.toBe(first.id);
  });
});

describe('collective letter and the BSrE name', () => {
  it('makes one application per person from the same letter and documents; all or nothing', async () => {
    const base = validIntake('trenggalek-2024');
    const people = [0, 1, 2].map((n) => ({
      applicant: {
        ...base.applicant,
        name: ['Dr. Budi Santoso, S.Kom., M.T.', 'Hj. Siti Aminah, S.Pd.', 'eko prasetyo'][n] as string,
        nik: applicantNik(n),
      },
      documents: [defaultUpload('sk', `SK ${n}`)],
    }));
    const letter = { ...base, documents: [defaultUpload('letter')], applicants: people };
    const dup = { ...letter, applicants: [...people.slice(0, 2), { ...people[2], applicant: people[0]!.applicant }] };
    errorOf(
      await call(t.core, 'applications.createCollective', dup as never, staff.tokens.verifikator),
      'VALIDATION_FAILED',
    );
    expect(await t.core.db.prepare('SELECT COUNT(*) FROM applications').pluck().get()).toBe(0);

    const made = unwrap(await call(t.core, 'applications.createCollective', letter, staff.tokens.verifikator));
    expect(made.applications.map((a) => a.applicantName)).toEqual(people.map((p) => p.applicant.name));
    const details: ApplicationDetail[] = [];
    for (const a of made.applications)
      details.push(unwrap(await call(t.core, 'applications.get', { id: a.id }, staff.tokens.verifikator)));
    expect(details.map((d) => d.bsreName)).toEqual(['Budi Santoso', 'Siti Aminah', 'eko prasetyo']);
    expect(details.every((d) => d.letter.number === base.letter.number)).toBe(true);
    expect(details.map((d) => d.documents.map((x) => x.kind).sort())).toEqual([
      ['letter', 'sk'],
      ['letter', 'sk'],
      ['letter', 'sk'],
    ]);
    expect(details[0]?.letterGroup?.map((g) => g.id)).toEqual(made.applications.map((a) => a.id));

    // A person of the letter already has an open application: nothing of the letter is written.
    const another = {
      ...letter,
      applicants: [{ ...people[0]!, applicant: { ...people[0]!.applicant, nik: applicantNik(5) } }, people[1]!],
    };
    const refused = errorOf(
      await call(t.core, 'applications.createCollective', another, staff.tokens.verifikator),
      'APPLICATION_ALREADY_OPEN',
    );
    expect(refused.fields?.['applicants.1.applicant.nik']).toContain(made.applications[1]?.referenceNo);
    expect(await t.core.db.prepare('SELECT COUNT(*) FROM applications').pluck().get()).toBe(3);
  });

  it('queues the registration with the BSrE name, keeps the written name on the application', async () => {
    const b = await startBsreCore();
    try {
      const ready = await readyOffice(b.core, 'trenggalek-2024');
      const input = validIntake('trenggalek-2024');
      input.applicant.name = 'Drs. Budi  Santoso, M.Si.';
      const app = unwrap(await call(b.core, 'applications.create', input, ready.staff.tokens.verifikator));
      expect(app.applicant.name).toBe('Drs. Budi  Santoso, M.Si.');
      expect(app.bsreName).toBe('Budi Santoso');
      await walkToEnd(b.core, ready.staff, app.id, ready.template, { clock: b.clock, untilStepNo: 4 });
      await actCurrentStep(b.core, ready.staff, app.id, ready.template, b.clock);
      const row = (await b.core.db
        .prepare('SELECT id, payload_sealed FROM bsre_outbox WHERE application_id = ?')
        .get(app.id)) as {
        id: string;
        payload_sealed: Buffer;
      };
      const payload = JSON.parse(openText(b.key, row.payload_sealed, `bsre_outbox:${row.id}`)) as { nama: string };
      expect(payload.nama).toBe('Budi Santoso');
    } finally {
      await b.shutdown();
    }
  });
});

/** A typed letter exported as PDF, with a real text layer (pdfkit, standard font). */
function letterPdf(lines: string[]): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    for (const line of lines) doc.text(line);
    doc.end();
  });
}

describe('reading the letter and the files at intake', () => {
  it('reads nomor, tanggal, perihal and the NIPs from a PDF text layer; a PDF without text says so', async () => {
    const pdf = await letterPdf([
      'PEMERINTAH KABUPATEN TRENGGALEK',
      'Trenggalek, 20 November 2026',
      'Nomor : 800/123/406.020/2026',
      'Perihal : Permohonan Penerbitan Sertifikat Elektronik',
      'Nama pegawai: Rina Kusumawati, S.E. NIP 19850615 201001 2 001',
      'Nama pegawai: Agus Salim NIP 19850615 201001 1 001',
    ]);
    const read = unwrap(
      await call(t.core, 'intake.readLetter', { file: upload('letter', pdf, 'surat.pdf') }, staff.tokens.verifikator),
    );
    expect(read).toEqual({
      source: 'pdfText',
      number: '800/123/406.020/2026',
      date: '2026-11-20',
      subject: 'Permohonan Penerbitan Sertifikat Elektronik',
      nips: ['198506152010012001', '198506152010011001'],
      note: null,
    });
    const scanned = unwrap(
      await call(
        t.core,
        'intake.readLetter',
        { file: upload('letter', pdfBytes(), 'scan.pdf') },
        staff.tokens.verifikator,
      ),
    );
    expect(scanned.source).toBe('none');
    expect(scanned.note).toContain('pindai');
  });

  it("reads a scanner's PDF (no text layer, the page a JPEG inside) through the OCR", async () => {
    const scan = await scannedLetterJpeg();
    const doc = new PDFDocument({ size: 'A4', margin: 0 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
    doc.image(scan, 0, 0, { width: 595 });
    doc.end();
    await done;
    const read = unwrap(
      await call(
        t.core,
        'intake.readLetter',
        { file: upload('letter', Buffer.concat(chunks), 'pindaian.pdf') },
        staff.tokens.verifikator,
      ),
    );
    expect(read).toMatchObject({
      source: 'ocr',
      number: '800/123/406.020/2026',
      date: '2026-11-20',
      subject: 'Permohonan Penerbitan Sertifikat Elektronik',
      nips: ['198506152010012001'],
    });
  }, 120_000);

  it('reads a scanned letter (JPEG) through the OCR', async () => {
    const scan = await scannedLetterJpeg();
    const read = unwrap(
      await call(
        t.core,
        'intake.readLetter',
        { file: upload('letter', scan, 'surat.jpg', 'image/jpeg') },
        staff.tokens.verifikator,
      ),
    );
    expect(read).toMatchObject({
      source: 'ocr',
      number: '800/123/406.020/2026',
      date: '2026-11-20',
      subject: 'Permohonan Penerbitan Sertifikat Elektronik',
      nips: ['198506152010012001'],
    });
  }, 120_000);

  it('refuses a bad file on its own field, before and at saving', async () => {
    const fake = upload('sk', Buffer.from('MZ not a pdf at all'), 'sk.pdf');
    const checked = errorOf(
      await call(t.core, 'intake.checkFile', { file: fake }, staff.tokens.verifikator),
      'FILE_TYPE_NOT_ALLOWED',
    );
    expect(checked.fields?.file).toBeTruthy();
    const input = validIntake('trenggalek-2024');
    input.documents = [defaultUpload('letter'), fake];
    const refused = errorOf(
      await call(t.core, 'applications.create', input, staff.tokens.verifikator),
      'FILE_TYPE_NOT_ALLOWED',
    );
    expect(Object.keys(refused.fields ?? {})).toEqual(['documents.1']);
  });

  it('reads the KTP scan at intake and keeps the reading, sealed, with the application', async () => {
    const card = readFileSync(join(import.meta.dirname, '../fixtures/ktp/cards/ktp-02-clean.jpg'));
    const image = { fileName: 'ktp.jpg', mimeType: 'image/jpeg' as const, dataBase64: card.toString('base64') };
    const read = unwrap(await call(t.core, 'intake.readKtp', { image }, staff.tokens.verifikator));
    expect(read.ocr.fields.nik.value).toBe('3314156506591049');
    expect(read.ocr.fields.nama.value).toBe('YULIA MULYANI');
    expect(Array.isArray(read.unsure)).toBe(true);

    const input = validIntake('trenggalek-2024');
    input.applicant = { ...input.applicant, nik: '3314156506591049', name: 'Yulia Mulyani', nip: '195906251985032001' };
    input.documents.push(upload('ktp', card, 'ktp.jpg', 'image/jpeg'));
    const app = unwrap(await call(t.core, 'applications.create', input, staff.tokens.verifikator));
    const row = (await t.core.db
      .prepare('SELECT document_id, ocr_sealed FROM intake_ktp_readings WHERE application_id = ?')
      .get(app.id)) as {
      document_id: string;
      ocr_sealed: Buffer;
    };
    expect(app.documents.find((d) => d.kind === 'ktp')?.id).toBe(row.document_id);
    expect(row.ocr_sealed.toString('latin1')).not.toContain('3314156506591049');
    const kept = JSON.parse(openText(t.key, row.ocr_sealed, `intake_ktp:${app.id}:ocr`)) as typeof read.ocr;
    expect(kept.fields.nik.value).toBe('3314156506591049');
    // Step 7: after consent, the identity desk starts from the card read at intake.
    const desk = unwrap(
      await call(t.core, 'identity.consent', { applicationId: app.id, agreed: true }, staff.tokens.verifikator),
    );
    expect(desk.ktp?.documentId).toBe(row.document_id);
    expect(desk.ktp?.ocr.fields.nama.value).toBe('YULIA MULYANI');
  }, 60_000);
});

describe('draft and agenda number', () => {
  it('keeps a sealed draft per user until the application is saved', async () => {
    const draft = { letter: { number: '800/9/2026' }, applicants: [{ nik: APPLICANT_NIK, phone: '081234567890' }] };
    unwrap(await call(t.core, 'intake.draftSave', { draft }, staff.tokens.verifikator));
    expect(unwrap(await call(t.core, 'intake.draftGet', {}, staff.tokens.verifikator)).draft).toEqual(draft);
    expect(unwrap(await call(t.core, 'intake.draftGet', {}, staff.tokens.kasi)).draft).toBeNull();
    const raw = (await t.core.db.prepare('SELECT sealed FROM intake_drafts').pluck().get()) as Buffer;
    expect(raw.toString('latin1')).not.toContain(APPLICANT_NIK);
    unwrap(await call(t.core, 'applications.create', validIntake('trenggalek-2024'), staff.tokens.verifikator));
    expect(unwrap(await call(t.core, 'intake.draftGet', {}, staff.tokens.verifikator)).draft).toBeNull();
  });

  it('suggests the office next agenda number in its format and moves on when it is used', async () => {
    expect(unwrap(await call(t.core, 'intake.nextAgenda', {}, staff.tokens.verifikator)).agendaNumber).toBe(
      '0001/TTE/2025',
    );
    unwrap(
      await call(
        t.core,
        'intake.updateSettings',
        { agendaFormat: '{n}/{romawi}/{yyyy}', parallelServiceTypes: [] },
        adminToken,
      ),
    );
    const next = unwrap(await call(t.core, 'intake.nextAgenda', {}, staff.tokens.verifikator)).agendaNumber;
    expect(next).toBe('1/III/2025');
    const input = validIntake('trenggalek-2024');
    input.letter.agendaNumber = next;
    unwrap(await call(t.core, 'applications.create', input, staff.tokens.verifikator));
    expect(unwrap(await call(t.core, 'intake.nextAgenda', {}, staff.tokens.verifikator)).agendaNumber).toBe(
      '2/III/2025',
    );
    errorOf(
      await call(t.core, 'intake.updateSettings', { agendaFormat: 'TTE/{yyyy}', parallelServiceTypes: [] }, adminToken),
      'VALIDATION_FAILED',
    );
  });
});

/** A letter as a scanner would picture it: plain text on white, JPEG. */
async function scannedLetterJpeg(): Promise<Buffer> {
  const lines = [
    'PEMERINTAH KABUPATEN TRENGGALEK',
    'Trenggalek, 20 November 2026',
    'Nomor : 800/123/406.020/2026',
    'Perihal : Permohonan Penerbitan Sertifikat Elektronik',
    'NIP 19850615 201001 2 001',
  ];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="700"><rect width="100%" height="100%" fill="white"/>${lines
    .map((l, i) => `<text x="60" y="${100 + i * 60}" font-family="DejaVu Sans, sans-serif" font-size="32">${l}</text>`)
    .join('')}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}
