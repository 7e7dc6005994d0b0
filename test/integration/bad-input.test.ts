/**
 * Hostile and mistaken input through dispatch: each is refused with its stable code and an
 * Indonesian message, never as INTERNAL_ERROR, and none of them writes a single row.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ErrorCode } from '../../src/shared/contract/errors';
import type { AppError } from '../../src/shared/contract/result';
import type { SopTemplate } from '../../src/shared/sop/template';
import {
  call,
  countRows,
  createApplication,
  defaultUpload,
  errorOf,
  makeTempCore,
  pdfBytes,
  rawCall,
  readyOffice,
  type Staff,
  STAFF_PASSWORD,
  stepOfTemplate,
  stepPayload,
  type TestCore,
  todayOf,
  unwrap,
  upload,
  validIntake,
  walkToEnd,
} from '../helpers/core-fixture';

const TEMPLATE = 'trenggalek-2024';

let t: TestCore;
let staff: Staff;
let adminToken: string;
let template: SopTemplate;

beforeEach(async () => {
  t = await makeTempCore();
  const ready = await readyOffice(t.core, TEMPLATE);
  ({ staff, template } = ready);
  adminToken = ready.admin.token;
});

afterEach(async () => {
  await t.close();
});

/** Runs `fn`, which must fail with `code`, and checks that no table gained or lost a row. */
async function refusedWithoutWrites(code: ErrorCode, fn: () => Promise<unknown>): Promise<AppError> {
  const before = await countRows(t.core.db);
  const error = errorOf((await fn()) as Parameters<typeof errorOf>[0], code);
  expect(await countRows(t.core.db)).toEqual(before);
  expect(t.loggedErrors).toEqual([]);
  return error;
}

const verifier = () => staff.tokens.verifikator;

describe('intake refusals', () => {
  it('a NIK with an unknown region code is VALIDATION_FAILED on applicant.nik', async () => {
    const input = validIntake(TEMPLATE);
    input.applicant.nik = '9999011506850001';
    const error = await refusedWithoutWrites('VALIDATION_FAILED', () =>
      call(t.core, 'applications.create', input, verifier()),
    );
    expect(error.fields?.['applicant.nik']).toMatch(/provinsi/i);
  });

  it('a NIK with an impossible birth date is VALIDATION_FAILED on applicant.nik', async () => {
    const input = validIntake(TEMPLATE);
    input.applicant.nik = '3503013206850001'; // day 32
    const error = await refusedWithoutWrites('VALIDATION_FAILED', () =>
      call(t.core, 'applications.create', input, verifier()),
    );
    expect(error.fields?.['applicant.nik']).toMatch(/tanggal lahir/i);
  });

  it('a 30 MB upload is FILE_TOO_LARGE', async () => {
    const big = Buffer.alloc(30 * 1024 * 1024, 0x20);
    big.write('%PDF-1.4\n', 0, 'latin1');
    const input = validIntake(TEMPLATE);
    input.documents[0] = upload('letter', big, 'surat.pdf');
    const error = await refusedWithoutWrites('FILE_TOO_LARGE', () =>
      call(t.core, 'applications.create', input, verifier()),
    );
    expect(error.fields?.['documents.0']).toBeTruthy();
  });

  it('an .exe is FILE_TYPE_NOT_ALLOWED, also when renamed to .pdf or declared as a PDF', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(120, 1)]);
    for (const doc of [
      upload('letter', exe, 'surat.exe', 'application/x-msdownload'),
      upload('letter', exe, 'surat.pdf', 'application/pdf'),
    ]) {
      const input = validIntake(TEMPLATE);
      input.documents[0] = doc;
      await refusedWithoutWrites('FILE_TYPE_NOT_ALLOWED', () => call(t.core, 'applications.create', input, verifier()));
    }
  });

  it('a real PDF under an .exe name is FILE_TYPE_NOT_ALLOWED', async () => {
    const input = validIntake(TEMPLATE);
    input.documents[0] = upload('letter', pdfBytes(), 'surat.exe');
    await refusedWithoutWrites('FILE_TYPE_NOT_ALLOWED', () => call(t.core, 'applications.create', input, verifier()));
  });

  it('a 0-byte file is FILE_EMPTY', async () => {
    const input = validIntake(TEMPLATE);
    input.documents[1] = upload('sk', Buffer.alloc(0), 'sk.pdf');
    const error = await refusedWithoutWrites('FILE_EMPTY', () =>
      call(t.core, 'applications.create', input, verifier()),
    );
    expect(error.fields?.['documents.1']).toBeTruthy();
  });

  it('a missing required document is DOCUMENT_MISSING, naming it', async () => {
    const input = validIntake(TEMPLATE);
    input.documents = input.documents.filter((d) => d.kind !== 'sk');
    input.documents.push(defaultUpload('ktp'));
    const error = await refusedWithoutWrites('DOCUMENT_MISSING', () =>
      call(t.core, 'applications.create', input, verifier()),
    );
    expect(error.message).toContain('SK terakhir');
    expect(error.fields?.['documents.sk']).toBeTruthy();
  });

  it('an impossible letter date (30 February) is VALIDATION_FAILED on letter.date', async () => {
    const input = validIntake(TEMPLATE);
    input.letter.date = '2025-02-30';
    const error = await refusedWithoutWrites('VALIDATION_FAILED', () =>
      call(t.core, 'applications.create', input, verifier()),
    );
    expect(error.fields?.['letter.date']).toBeTruthy();
  });
});

describe('Madiun intake without the KA OPD', () => {
  it('is VALIDATION_FAILED on agencyHead and writes nothing', async () => {
    const m = await makeTempCore();
    try {
      const ready = await readyOffice(m.core, 'madiun');
      const input = { ...validIntake('madiun'), agencyHead: null };
      const before = await countRows(m.core.db);
      const error = errorOf(
        await call(m.core, 'applications.create', input, ready.staff.tokens.verifikator),
        'VALIDATION_FAILED',
      );
      expect(Object.keys(error.fields ?? {}).some((k) => k.startsWith('agencyHead'))).toBe(true);
      expect(await countRows(m.core.db)).toEqual(before);
    } finally {
      await m.close();
    }
  });
});

describe('roles, sessions and steps', () => {
  it('kabid acting on the Kepala Dinas step is WRONG_ROLE_FOR_STEP', async () => {
    const app = await createApplication(t.core, staff, TEMPLATE);
    const payload = stepPayload(stepOfTemplate(template, 2), staff, todayOf(t.clock));
    await refusedWithoutWrites('WRONG_ROLE_FOR_STEP', () =>
      call(t.core, 'applications.act', { applicationId: app.id, stepNo: 2, ...payload }, staff.tokens.kabid),
    );
    await refusedWithoutWrites('WRONG_ROLE_FOR_STEP', () =>
      call(t.core, 'applications.act', { applicationId: app.id, stepNo: 2, ...payload }, staff.tokens.verifikator),
    );
  });

  it('a role without access to the channel is FORBIDDEN', async () => {
    await refusedWithoutWrites('FORBIDDEN', () =>
      call(t.core, 'applications.create', validIntake(TEMPLATE), staff.tokens.kadin),
    );
    await refusedWithoutWrites('FORBIDDEN', () =>
      call(
        t.core,
        'users.create',
        {
          username: 'penyusup',
          fullName: 'Penyusup',
          nip: '199105052019032007',
          role: 'admin',
          password: 'Penyusup2025x',
        },
        staff.tokens.verifikator,
      ),
    );
    await refusedWithoutWrites('FORBIDDEN', () =>
      call(
        t.core,
        'office.update',
        {
          name: 'x',
          regency: 'x',
          address: 'x',
          timeZone: 'WIB',
          letterhead: 'x',
          sopTemplateId: TEMPLATE,
          idleLockMinutes: 5,
        },
        staff.tokens.kasi,
      ),
    );
    await refusedWithoutWrites('FORBIDDEN', () => call(t.core, 'applications.list', {}, adminToken));
  });

  it('an unknown channel is UNKNOWN_CHANNEL', async () => {
    for (const channel of [
      'applications.delete',
      'users.drop',
      '',
      '__proto__',
      'constructor',
      'toString',
      'APPLICATIONS.CREATE',
    ]) {
      await refusedWithoutWrites('UNKNOWN_CHANNEL', () => rawCall(t.core, channel, {}, adminToken));
    }
  });

  it('no token is NOT_AUTHENTICATED, even with a valid payload', async () => {
    await refusedWithoutWrites('NOT_AUTHENTICATED', () =>
      call(t.core, 'applications.create', validIntake(TEMPLATE), null),
    );
    await refusedWithoutWrites('NOT_AUTHENTICATED', () => call(t.core, 'applications.list', {}, null));
    await refusedWithoutWrites('NOT_AUTHENTICATED', () => call(t.core, 'users.list', {}, ''));
  });

  it('a stale stepNo is STEP_MISMATCH (double submit, or skipping ahead)', async () => {
    const app = await createApplication(t.core, staff, TEMPLATE);
    const step2 = {
      applicationId: app.id,
      stepNo: 2,
      ...stepPayload(stepOfTemplate(template, 2), staff, todayOf(t.clock)),
    };
    unwrap(await call(t.core, 'applications.act', step2, staff.tokens.kadin));
    await refusedWithoutWrites('STEP_MISMATCH', () => call(t.core, 'applications.act', step2, staff.tokens.kadin));
    const step4 = {
      applicationId: app.id,
      stepNo: 4,
      ...stepPayload(stepOfTemplate(template, 4), staff, todayOf(t.clock)),
    };
    await refusedWithoutWrites('STEP_MISMATCH', () => call(t.core, 'applications.act', step4, staff.tokens.kasi));
    await refusedWithoutWrites('STEP_MISMATCH', () =>
      call(t.core, 'applications.act', { applicationId: app.id, stepNo: 1, note: 'x' }, staff.tokens.verifikator),
    );
  });

  it('an unknown application is NOT_FOUND', async () => {
    await refusedWithoutWrites('NOT_FOUND', () =>
      call(t.core, 'applications.act', { applicationId: 'tidak-ada', stepNo: 2, note: 'x' }, staff.tokens.kadin),
    );
    await refusedWithoutWrites('NOT_FOUND', () => call(t.core, 'documents.get', { id: 'tidak-ada' }, verifier()));
  });

  it('a step payload that misses its action is VALIDATION_FAILED on that field', async () => {
    const app = await createApplication(t.core, staff, TEMPLATE);
    const error = await refusedWithoutWrites('VALIDATION_FAILED', () =>
      call(t.core, 'applications.act', { applicationId: app.id, stepNo: 2, note: '   ' }, staff.tokens.kadin),
    );
    expect(error.fields?.note).toBeTruthy();
  });

  it('an issuance date after today is VALIDATION_FAILED', async () => {
    const app = await createApplication(t.core, staff, TEMPLATE);
    await walkToEnd(t.core, staff, app.id, template, { clock: t.clock, untilStepNo: 8 });
    const payload = stepPayload(stepOfTemplate(template, 9), staff, todayOf(t.clock));
    const input = { applicationId: app.id, stepNo: 9, ...payload, issuance: { issuedAt: '2025-03-11' } };
    const error = await refusedWithoutWrites('VALIDATION_FAILED', () =>
      call(t.core, 'applications.act', input, verifier()),
    );
    expect(error.fields?.['issuance.issuedAt']).toBeTruthy();
  });

  it('an impossible issuance date (30 February) is VALIDATION_FAILED, not a certificate', async () => {
    const app = await createApplication(t.core, staff, TEMPLATE);
    await walkToEnd(t.core, staff, app.id, template, { clock: t.clock, untilStepNo: 8 });
    const payload = stepPayload(stepOfTemplate(template, 9), staff, todayOf(t.clock));
    const input = { applicationId: app.id, stepNo: 9, ...payload, issuance: { issuedAt: '2025-02-30' } };
    const error = await refusedWithoutWrites('VALIDATION_FAILED', () =>
      call(t.core, 'applications.act', input, verifier()),
    );
    expect(error.fields?.['issuance.issuedAt']).toBeTruthy();
  });

  it('an issuance date before the letter was received is VALIDATION_FAILED (no already-expired holder)', async () => {
    const app = await createApplication(t.core, staff, TEMPLATE);
    await walkToEnd(t.core, staff, app.id, template, { clock: t.clock, untilStepNo: 8 });
    const payload = stepPayload(stepOfTemplate(template, 9), staff, todayOf(t.clock));
    const input = { applicationId: app.id, stepNo: 9, ...payload, issuance: { issuedAt: '2020-01-01' } };
    const error = await refusedWithoutWrites('VALIDATION_FAILED', () =>
      call(t.core, 'applications.act', input, verifier()),
    );
    expect(error.fields?.['issuance.issuedAt']).toMatch(/sebelum permohonan diterima/);
  });

  it('a handover dated before the certificate was issued is VALIDATION_FAILED', async () => {
    const app = await createApplication(t.core, staff, TEMPLATE);
    await walkToEnd(t.core, staff, app.id, template, { clock: t.clock, untilStepNo: 8 });
    const receivedOn = todayOf(t.clock);
    t.clock.advanceMinutes(3 * 24 * 60);
    const today = todayOf(t.clock);
    const payload = stepPayload(stepOfTemplate(template, 9), staff, today);
    const input = {
      applicationId: app.id,
      stepNo: 9,
      ...payload,
      issuance: { issuedAt: today },
      handover: { receivedBy: 'Budi Santoso', handedOverAt: receivedOn },
    };
    const nextDay = unwrap(
      await call(t.core, 'auth.login', { username: 'verifikator.satu', password: STAFF_PASSWORD }),
    ).token;
    const error = await refusedWithoutWrites('VALIDATION_FAILED', () =>
      call(t.core, 'applications.act', input, nextDay),
    );
    expect(error.fields?.['handover.handedOverAt']).toMatch(/sebelum sertifikat terbit/);
  });
});

describe('field messages shown next to a form field', () => {
  it('a search text over 100 characters is refused with an Indonesian field message', async () => {
    const error = await refusedWithoutWrites('VALIDATION_FAILED', () =>
      call(t.core, 'applications.list', { query: 'Budi '.repeat(30) }, staff.tokens.kasi),
    );
    const message = error.fields?.query ?? '';
    expect(message).not.toBe('');
    expect(message).not.toMatch(/\b(too|big|expected|characters|invalid)\b/i);
  });
});

describe('malformed payloads are VALIDATION_FAILED, never INTERNAL_ERROR', () => {
  const huge = 'A'.repeat(2_000_000);
  const polluted = JSON.parse('{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}}') as unknown;

  const shapes: [string, unknown][] = [
    ['null', null],
    ['a string', 'surat permohonan'],
    ['an array', [1, 2, 3]],
    ['a number', 42],
    ['a boolean', true],
    ['prototype keys', polluted],
    [
      'huge strings',
      {
        applicationId: huge,
        id: huge,
        username: huge,
        password: huge,
        stepNo: huge,
        reason: huge,
        note: huge,
        query: huge,
      },
    ],
    ['deeply nested', { applicant: { nik: { nik: { nik: [[[['3503011506850001']]]] } } }, documents: [[[[]]]] }],
  ];

  const wrongTypes: [string, string, unknown][] = [
    [
      'applications.create',
      'wrong types everywhere',
      {
        serviceType: 7,
        applicant: { nik: 3503011506850001, nip: [], phone: {}, needsOfficialEmail: 'ya' },
        letter: 'x',
        documents: {},
      },
    ],
    [
      'applications.create',
      'a huge name',
      { ...validIntake(TEMPLATE), applicant: { ...validIntake(TEMPLATE).applicant, name: 'B'.repeat(1_000_000) } },
    ],
    [
      'applications.create',
      'a huge NIK',
      { ...validIntake(TEMPLATE), applicant: { ...validIntake(TEMPLATE).applicant, nik: '3'.repeat(1_000_000) } },
    ],
    [
      'applications.create',
      'too many documents',
      { ...validIntake(TEMPLATE), documents: Array.from({ length: 50 }, () => defaultUpload('letter')) },
    ],
    [
      'applications.create',
      'a document that is not base64',
      {
        ...validIntake(TEMPLATE),
        documents: [{ kind: 'letter', fileName: 'a.pdf', mimeType: 'application/pdf', dataBase64: '%%%<script>' }],
      },
    ],
    [
      'applications.create',
      'an unknown document kind',
      { ...validIntake(TEMPLATE), documents: [{ ...defaultUpload('letter'), kind: '__proto__' }] },
    ],
    ['applications.act', 'stepNo as text', { applicationId: 'x', stepNo: '2' }],
    ['applications.act', 'stepNo NaN', { applicationId: 'x', stepNo: Number.NaN }],
    ['applications.act', 'stepNo Infinity', { applicationId: 'x', stepNo: Number.POSITIVE_INFINITY }],
    ['applications.act', 'stepNo negative', { applicationId: 'x', stepNo: -2 }],
    ['applications.act', 'stepNo fractional', { applicationId: 'x', stepNo: 2.5 }],
    ['applications.act', 'checklist as text', { applicationId: 'x', stepNo: 5, checklist: 'semua' }],
    [
      'applications.act',
      'a very long checklist',
      { applicationId: 'x', stepNo: 5, checklist: Array(10_000).fill(true) },
    ],
    [
      'applications.act',
      'activation not confirmed',
      { applicationId: 'x', stepNo: 6, activation: { confirmed: 'true' } },
    ],
    ['applications.list', 'limit out of range', { limit: 1e9 }],
    ['documents.get', 'an operator object as id', { id: { $ne: null } }],
    ['auth.login', 'arrays as credentials', { username: ['admin'], password: { length: 10 } }],
    ['auth.unlock', 'empty password', { password: '' }],
    [
      'users.create',
      'an unknown role',
      {
        username: 'baru.satu',
        fullName: 'Baru',
        nip: '199105052019032007',
        role: 'superadmin',
        password: 'Rahasia2025x',
      },
    ],
    ['users.update', 'active as text', { id: 'x', active: 'false' }],
    ['office.get', 'an unexpected field', { bocor: true }],
    ['setup.status', 'an unexpected field', { reset: true }],
  ];

  it.each([
    'applications.create',
    'applications.act',
    'applications.return',
    'documents.get',
    'auth.login',
    'users.create',
  ])('%s: null, strings, arrays, numbers, huge and nested junk', async (channel) => {
    const token = channel === 'users.create' ? adminToken : verifier();
    for (const [label, input] of shapes) {
      const result = await refusedWithoutWrites('VALIDATION_FAILED', () =>
        rawCall(t.core, channel, input, token),
      ).catch((e: Error) => {
        throw new Error(`${channel} with ${label}: ${e.message}`);
      });
      expect(result.code).toBe('VALIDATION_FAILED');
    }
  });

  it('wrong types, out-of-range values and unexpected fields on each channel', async () => {
    const wrong: string[] = [];
    for (const [channel, label, input] of wrongTypes) {
      const token = channel.startsWith('users.') || channel === 'office.get' ? adminToken : verifier();
      try {
        await refusedWithoutWrites('VALIDATION_FAILED', () => rawCall(t.core, channel, input, token));
      } catch (error) {
        wrong.push(`${channel} (${label}): ${(error as Error).message}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
