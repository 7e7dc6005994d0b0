/**
 * Hostile uploads through the real core: renamed executables, polyglots, archives, scripts, empty,
 * oversized, truncated and corrupt images and PDFs, pixel and decompression bombs — as intake
 * documents and as identity-desk captures. Each gets its stable code and an Indonesian message, and
 * not one row (document, audit entry, anything) is written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { HOST_SECRET_HEADER } from '../../src/main/web/host-guard';
import { startWebHost } from '../../src/main/web/server';
import type { ErrorCode } from '../../src/shared/contract/errors';
import { MAX_DOCUMENT_BYTES, MAX_UPLOAD_BASE64_CHARS } from '../../src/shared/contract/files';
import type { Result } from '../../src/shared/contract/result';
import {
  applicantNik,
  call,
  countRows,
  createStaff,
  errorOf,
  makeTempCore,
  pdfBytes,
  rawCall,
  setupOffice,
  type Staff,
  stepOfTemplate,
  stepPayload,
  templateById,
  type TestCore,
  todayOf,
  unwrap,
  upload,
  validIntake,
} from '../helpers/core-fixture';
import { hostileFiles, realImage } from '../helpers/hostile-files';

const template = templateById('trenggalek-2024');
const KTP_CARD = readFileSync(join(import.meta.dirname, '../fixtures/ktp/cards/ktp-01-clean.jpg'));

/** What each hostile file must be refused as. */
const EXPECTED: Record<string, ErrorCode> = {
  'exe-as-pdf': 'FILE_TYPE_NOT_ALLOWED',
  'exe-as-jpg': 'FILE_TYPE_NOT_ALLOWED',
  'polyglot-junk-then-pdf': 'FILE_TYPE_NOT_ALLOWED',
  zip: 'FILE_TYPE_NOT_ALLOWED',
  'svg-with-script': 'FILE_TYPE_NOT_ALLOWED',
  'html-as-jpg': 'FILE_TYPE_NOT_ALLOWED',
  'png-named-pdf': 'FILE_TYPE_NOT_ALLOWED',
  'jpeg-truncated': 'IMAGE_UNREADABLE',
  'jpeg-header-only': 'IMAGE_UNREADABLE',
  'jpeg-absurd-dimensions': 'IMAGE_TOO_LARGE',
  'png-bad-crc': 'IMAGE_UNREADABLE',
  'png-truncated': 'IMAGE_UNREADABLE',
  'png-garbage-pixels-good-crc': 'IMAGE_UNREADABLE',
  'png-bomb-50000x50000': 'IMAGE_TOO_LARGE',
  'png-bomb-more-data-than-header': 'IMAGE_UNREADABLE',
  'pdf-header-only': 'FILE_CORRUPT',
  'pdf-truncated': 'FILE_CORRUPT',
};

let t: TestCore;
let staff: Staff;
let appId: string;
let files: Awaited<ReturnType<typeof hostileFiles>>;
let tried = 0;

beforeAll(async () => {
  files = await hostileFiles();
  t = await makeTempCore();
  const admin = await setupOffice(t.core, template.id);
  staff = await createStaff(t.core, admin.token);
  let app = unwrap(await call(t.core, 'applications.create', validIntake(template.id), staff.tokens.verifikator));
  while (app.currentStepNo < 7) {
    const step = stepOfTemplate(template, app.currentStepNo);
    app = unwrap(
      await call(
        t.core,
        'applications.act',
        { applicationId: app.id, stepNo: step.no, ...stepPayload(step, staff, todayOf(t.clock)) },
        staff.tokens[step.actor],
      ),
    );
  }
  appId = app.id;
  unwrap(await call(t.core, 'identity.consent', { applicationId: appId, agreed: true }, staff.tokens.verifikator));
  // A real KTP first, so selfie captures reach the upload gate (a selfie is compared with it).
  unwrap(
    await call(
      t.core,
      'identity.captureKtp',
      {
        applicationId: appId,
        image: { fileName: 'ktp.jpg', mimeType: 'image/jpeg', dataBase64: KTP_CARD.toString('base64') },
      },
      staff.tokens.verifikator,
    ),
  );
}, 120_000);

afterAll(async () => {
  console.log(`upload attacks: ${tried} hostile uploads tried, each refused with nothing stored`);
  await t.core.services.identity.close();
  await t.close();
});

/** Runs `fn`, which must fail with `code` and an Indonesian message, and checks that no row changed. */
async function refusedWithoutWrites(code: ErrorCode, fn: () => Promise<Result<unknown>>): Promise<string> {
  const before = await countRows(t.core.db);
  const error = errorOf(await fn(), code);
  expect(await countRows(t.core.db)).toEqual(before);
  expect(t.loggedErrors).toEqual([]);
  tried += 1;
  return error.message;
}

const asIntakeLetter = (bytes: Buffer, fileName: string) => {
  const input = validIntake(template.id);
  input.documents[0] = upload('letter', bytes, fileName);
  return input;
};

const capture = (channel: 'identity.captureKtp' | 'identity.captureSelfie', bytes: Buffer, fileName: string) =>
  rawCall(
    t.core,
    channel,
    {
      applicationId: appId,
      image: {
        fileName,
        mimeType: fileName.endsWith('.png') ? 'image/png' : 'image/jpeg',
        dataBase64: bytes.toString('base64'),
      },
    },
    staff.tokens.verifikator,
  );

describe('hostile intake documents', () => {
  it.each(Object.keys(EXPECTED))('%s is refused with its code and stores nothing', async (name) => {
    const file = files[name];
    if (!file) throw new Error(`no file ${name}`);
    const message = await refusedWithoutWrites(EXPECTED[name] ?? 'INTERNAL_ERROR', () =>
      call(t.core, 'applications.create', asIntakeLetter(file.bytes, file.fileName), staff.tokens.verifikator),
    );
    expect(message).toMatch(/^Surat permohonan: /);
  });

  it('a 0-byte file is FILE_EMPTY; one byte over 5 MB is FILE_TOO_LARGE', async () => {
    await refusedWithoutWrites('FILE_EMPTY', () =>
      call(t.core, 'applications.create', asIntakeLetter(Buffer.alloc(0), 'surat.pdf'), staff.tokens.verifikator),
    );
    const over = Buffer.concat([pdfBytes(), Buffer.alloc(MAX_DOCUMENT_BYTES + 1 - pdfBytes().length, 0x20)]);
    expect(over.length).toBe(MAX_DOCUMENT_BYTES + 1);
    const message = await refusedWithoutWrites('FILE_TOO_LARGE', () =>
      call(t.core, 'applications.create', asIntakeLetter(over, 'surat.pdf'), staff.tokens.verifikator),
    );
    expect(message).toMatch(/5 MB/);
  });

  it('a base64 text longer than the contract allows is VALIDATION_FAILED before decoding', async () => {
    const input = validIntake(template.id);
    const doc = input.documents[0];
    if (!doc) throw new Error('no document');
    doc.dataBase64 = 'A'.repeat(MAX_UPLOAD_BASE64_CHARS + 4);
    await refusedWithoutWrites('VALIDATION_FAILED', () =>
      call(t.core, 'applications.create', input, staff.tokens.verifikator),
    );
  });

  it('the good versions of the same kinds are accepted (the gate is not refusing everything)', async () => {
    const before = (await countRows(t.core.db)).documents;
    const input = validIntake(template.id, { nik: applicantNik(3) }); // another person: one open application each
    input.documents.push(upload('ktp', await realImage('jpeg'), 'ktp.jpg', 'image/jpeg'));
    unwrap(await call(t.core, 'applications.create', input, staff.tokens.verifikator));
    expect((await countRows(t.core.db)).documents).toBe(before + input.documents.length);
  });
});

describe('hostile identity-desk captures', () => {
  const imageAttacks = Object.keys(EXPECTED);

  it.each(imageAttacks)('%s as a KTP capture and as a selfie is refused and stores nothing', async (name) => {
    const file = files[name];
    if (!file) throw new Error(`no file ${name}`);
    for (const channel of ['identity.captureKtp', 'identity.captureSelfie'] as const) {
      const message = await refusedWithoutWrites(EXPECTED[name] ?? 'INTERNAL_ERROR', () =>
        capture(channel, file.bytes, file.fileName),
      );
      expect(message).toMatch(/^(Scan KTP|Swafoto|Foto|KTP)[^:]*: /);
    }
  });

  it('a sound PDF is not an image; 0 bytes and over 5 MB are refused too', async () => {
    for (const channel of ['identity.captureKtp', 'identity.captureSelfie'] as const) {
      await refusedWithoutWrites('FILE_TYPE_NOT_ALLOWED', () => capture(channel, pdfBytes(), 'ktp.pdf'));
      await refusedWithoutWrites('FILE_EMPTY', () => capture(channel, Buffer.alloc(0), 'ktp.jpg'));
      await refusedWithoutWrites('FILE_TOO_LARGE', () =>
        capture(channel, Buffer.concat([KTP_CARD, Buffer.alloc(MAX_DOCUMENT_BYTES)]), 'ktp.jpg'),
      );
    }
    const captures = (await t.core.db
      .prepare(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action IN ('identity.ktp_captured', 'identity.selfie_captured')",
      )
      .get()) as { n: number };
    expect(captures.n).toBe(1); // the one real KTP of beforeAll
  });
});

describe('the web host body limit', () => {
  it('answers a body over its limit with 413 PAYLOAD_TOO_LARGE and stores nothing', async () => {
    const host = await startWebHost({ core: t.core, staticDir: t.dir, port: 0 });
    try {
      const before = await countRows(t.core.db);
      const input = validIntake(template.id);
      const doc = input.documents[0];
      if (!doc) throw new Error('no document');
      doc.dataBase64 = 'A'.repeat(65 * 1024 * 1024);
      const res = await fetch(new URL('api/applications.create', host.url), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [HOST_SECRET_HEADER]: host.secret,
          'x-loket-session': staff.tokens.verifikator,
        },
        body: JSON.stringify(input),
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({
        ok: false,
        error: { code: 'PAYLOAD_TOO_LARGE', message: 'Data yang dikirim terlalu besar.' },
      });
      expect(await countRows(t.core.db)).toEqual(before);
      tried += 1;
    } finally {
      await host.close();
    }
  });
});
