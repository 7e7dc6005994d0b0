/**
 * Printables of one application, parsed back: the disposition sheet names each actor and note,
 * the form shows the NIK as the caller may see it, the receipt waits for the handover; each audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { SopTemplate } from '../../src/shared/sop/template';
import {
  APPLICANT_NIK,
  auditActions,
  call,
  createApplication,
  errorOf,
  makeTempCore,
  rawCall,
  readyOffice,
  type Staff,
  type TestCore,
  unwrap,
  walkToEnd,
} from '../helpers/core-fixture';
import { pdfText } from '../helpers/pdf-text';

const TEMPLATE = 'trenggalek-2024';
let t: TestCore;
let staff: Staff;
let template: SopTemplate;
let appId: string;

beforeAll(async () => {
  t = await makeTempCore(new Date('2026-10-05T02:00:00.000Z'));
  ({ staff, template } = await readyOffice(t.core, TEMPLATE));
  appId = (await createApplication(t.core, staff, TEMPLATE)).id;
  await walkToEnd(t.core, staff, appId, template, { clock: t.clock, minutesPerStep: 10, untilStepNo: 5 });
}, 30_000);

afterAll(async () => await t.close());

const printable = (kind: 'disposition' | 'applicationForm' | 'handoverReceipt', token: string, applicationId = appId) =>
  call(t.core, 'printables.get', { applicationId, kind }, token);

describe('printables.get', () => {
  it('Lembar Disposisi: the letter and the chain Kadin → Kabid → Kasi → Verifikator with actors, times and notes', async () => {
    const file = unwrap(await printable('disposition', staff.tokens.kabid));
    expect(file.fileName).toMatch(/^lembar-disposisi-[A-Za-z0-9-]+\.pdf$/);
    const { text } = await pdfText(file.dataBase64);
    for (const expected of [
      'PEMERINTAH KABUPATEN TRENGGALEK',
      'LEMBAR DISPOSISI',
      '800/123/406.020/2025',
      'AG-0042',
      'Permohonan penerbitan sertifikat elektronik',
      'Kepala Dinas',
      'Pegawai kadin',
      'Disposisi langkah 2: mohon ditindaklanjuti',
      '5 Oktober 2026 09:10 WIB',
      'Pegawai kabid',
      'Disposisi langkah 3: mohon ditindaklanjuti',
      'Pegawai kasi',
      'Disposisi langkah 4',
      'Pegawai verifikator',
      '5 Oktober 2026 09:40 WIB',
    ])
      expect(text).toContain(expected);
  });

  it('Form Permohonan: the full NIK for the verifier, the masked NIK for the Kabid; signature lines', async () => {
    const forVerifier = (await pdfText(unwrap(await printable('applicationForm', staff.tokens.verifikator)).dataBase64))
      .text;
    const forKabid = (await pdfText(unwrap(await printable('applicationForm', staff.tokens.kabid)).dataBase64)).text;
    const detail = unwrap(await call(t.core, 'applications.get', { id: appId }, staff.tokens.kabid));
    expect(detail.applicant.nikMasked).toBe(true);
    expect(forVerifier).toContain(APPLICANT_NIK);
    expect(forKabid).not.toContain(APPLICANT_NIK);
    expect(forKabid).toContain(detail.applicant.nik);
    for (const text of [forVerifier, forKabid]) {
      for (const expected of [
        'FORM PERMOHONAN PENERBITAN SERTIFIKAT ELEKTRONIK',
        'Budi Santoso',
        '198506152010011003',
        'Penata (III/c)',
        'Analis Kebijakan',
        'Dinas Pendidikan',
        'budi.santoso@contoh.go.id',
        'Pemohon',
        'Mengetahui,',
        'Trenggalek, 5 Oktober 2026',
      ]) {
        expect(text).toContain(expected);
      }
    }
    expect(forVerifier).toContain('081234567890');
    expect(forKabid).not.toContain('081234567890');
  });

  it('Tanda Terima: refused before the handover, then names the certificate, the recipient and the verifier', async () => {
    errorOf(await printable('handoverReceipt', staff.tokens.verifikator), 'NOT_HANDED_OVER');
    await walkToEnd(t.core, staff, appId, template, { clock: t.clock, minutesPerStep: 10 });
    const file = unwrap(await printable('handoverReceipt', staff.tokens.verifikator));
    const { text } = await pdfText(file.dataBase64);
    for (const expected of [
      'TANDA TERIMA SERTIFIKAT ELEKTRONIK',
      'Budi Santoso',
      '198506152010011003',
      'Dinas Pendidikan',
      'Tanggal terbit',
      '5 Oktober 2026',
      'Berlaku sampai',
      '4 Oktober 2028',
      'Diterima oleh',
      'Yang menyerahkan,',
      'Pegawai verifikator',
      'Yang menerima,',
      'Trenggalek, 5 Oktober 2026',
    ])
      expect(text).toContain(expected);
  });

  it('audits each generation with its kind, and refuses unknown applications, kinds and the Admin', async () => {
    const audits = await auditActions(t.core.db, 'printables.generated');
    expect(audits.map((a) => JSON.parse(a.detail_json).kind)).toEqual([
      'disposition',
      'applicationForm',
      'applicationForm',
      'handoverReceipt',
    ]);
    expect(audits.every((a) => a.entity_id === appId)).toBe(true);
    expect(JSON.parse(audits[1]?.detail_json ?? '{}').fullNik).toBe(true);
    expect(JSON.parse(audits[2]?.detail_json ?? '{}').fullNik).toBe(false);
    errorOf(await printable('disposition', staff.tokens.kasi, '00000000-0000-4000-8000-000000000000'), 'NOT_FOUND');
    errorOf(
      await rawCall(t.core, 'printables.get', { applicationId: appId, kind: 'kuitansi' }, staff.tokens.kasi),
      'VALIDATION_FAILED',
    );
    const admin = unwrap(await call(t.core, 'auth.login', { username: 'admin.tte', password: 'RahasiaAdmin2025' }));
    errorOf(await printable('disposition', admin.token), 'FORBIDDEN');
    expect(await auditActions(t.core.db, 'printables.generated')).toHaveLength(4);
  });
});
