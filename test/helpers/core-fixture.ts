/**
 * Shared fixture for the integration tests: a real core on a real SQLite file in a fresh temp
 * directory (or, with LOKET_TEST_ENGINE=postgres, in a fresh PostgreSQL schema: ./test-engine.ts), driven only through `dispatch` the way a host would, with a ManualClock so tests can
 * move time. Builders here produce valid inputs; each test breaks exactly the part it is about.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Core, createCore } from '../../src/main/core/app';
import { ManualClock } from '../../src/main/core/clock';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import type { ScryptCost } from '../../src/main/core/crypto/passwords';
import type { IdentityEngines } from '../../src/main/core/identity/engines';
import type { Db } from '../../src/main/core/store/db';
import type { PostgresTarget } from '../../src/main/core/store/postgres/pg-store';
import type { ChannelName } from '../../src/shared/contract/channel-names';
import type { ChannelInput, ChannelResult } from '../../src/shared/contract/channels';
import type { ErrorCode } from '../../src/shared/contract/errors';
import type { AppError, Result } from '../../src/shared/contract/result';
import type { ApplicationDetail } from '../../src/shared/domain/application';
import type { SessionInfo, UserView } from '../../src/shared/domain/office';
import { todayIn } from '../../src/shared/domain/time';
import { findTemplate } from '../../src/shared/sop/builtin';
import type { DocumentKind, SopStep, SopTemplate } from '../../src/shared/sop/template';
import { freshPostgresSchema, TEST_ENGINE } from './test-engine';

export type StaffRole = 'kadin' | 'kabid' | 'kasi' | 'verifikator';
export const STAFF_ROLES: readonly StaffRole[] = ['kadin', 'kabid', 'kasi', 'verifikator'];

/**
 * The scrypt cost tests hash passwords with, passed explicitly to every test core: production uses
 * PASSWORD_COST (N=2^17, ~0.45 s a hash), which would make a suite of sign-ins take minutes.
 */
export const TEST_PASSWORD_COST: ScryptCost = { N: 2 ** 14, r: 8, p: 1 };

/** 09:00 WIB on Monday 10 March 2025. */
export const START = new Date('2025-03-10T02:00:00.000Z');

export const ADMIN_USERNAME = 'admin.tte';
export const ADMIN_PASSWORD = 'RahasiaAdmin2025';
export const STAFF_PASSWORD = 'SandiStaf2025x';
export const ADMIN_NIP = '198503152010011002';

/** A NIK that passes `checkNik`: Panggul, Trenggalek; male, born 15 June 1985; serial 0001. */
export const APPLICANT_NIK = '3503011506850001';
export const APPLICANT_NIP = '198506152010011003';
export const APPLICANT_PHONE = '081234567890';
export const APPLICANT_NAME = 'Budi Santoso';

const STAFF_NIPS: Record<StaffRole, string> = {
  kadin: '196812121990031006',
  kabid: '197507172000031005',
  kasi: '197001012000012001',
  verifikator: '199105052019032007',
};

// ---------------------------------------------------------------------------------------------
// The core

export interface TestCore {
  core: Core;
  clock: ManualClock;
  dir: string;
  dbPath: string;
  /** Where the core's records live when it runs on PostgreSQL. */
  postgres: PostgresTarget | null;
  key: Buffer;
  /** What the core logged as unexpected errors (an INTERNAL_ERROR leaves a trace here). */
  loggedErrors: string[];
  /** Closes the core (once) and removes the temp directory. */
  close(): Promise<void>;
}

/** `identity` replaces the OCR/face engines (e.g. engines a test holds mid-run to race other calls). */
export async function makeTempCore(
  start: Date = START,
  options: { identity?: IdentityEngines; engine?: 'sqlite' | 'postgres' } = {},
): Promise<TestCore> {
  const dir = mkdtempSync(join(tmpdir(), 'loket-tte-it-'));
  const dbPath = join(dir, 'loket.sqlite');
  const clock = new ManualClock(start);
  const key = Buffer.alloc(32, 7);
  const loggedErrors: string[] = [];
  const logger = {
    info: () => {},
    error: (message: string, error?: unknown) => {
      loggedErrors.push(message);
      // LOKET_TEST_LOG=1 prints what the core logged, for finding an INTERNAL_ERROR's cause.
      if (process.env.LOKET_TEST_LOG === '1') console.error(message, error);
    },
  };
  const schema = (options.engine ?? TEST_ENGINE) === 'postgres' ? await freshPostgresSchema() : null;
  const core = await createCore({
    dbPath,
    ...(schema ? { postgres: schema.target } : {}),
    keyProvider: new StaticKeyProvider(key),
    clock,
    logger,
    passwordCost: TEST_PASSWORD_COST,
    ...(options.identity ? { identity: options.identity } : {}),
  });
  let closed = false;
  return {
    core,
    clock,
    dir,
    dbPath,
    postgres: schema?.target ?? null,
    key,
    loggedErrors,
    async close() {
      if (!closed) await core.close();
      if (!closed) await schema?.drop();
      closed = true;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The store options of a test core, for a second core opened on the same records (a restart, another process). */
export function storeOf(t: TestCore): { dbPath: string; postgres?: PostgresTarget } {
  return { dbPath: t.dbPath, ...(t.postgres ? { postgres: t.postgres } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Calling the core

/** A typed `dispatch`: the channel's input type in, the channel's result type out. */
export async function call<C extends ChannelName>(
  core: Core,
  channel: C,
  input: ChannelInput<C>,
  token: string | null = null,
): Promise<Result<ChannelResult<C>>> {
  return (await core.dispatch(channel, input, { token })) as Result<ChannelResult<C>>;
}

/** An untyped `dispatch`, for the hostile inputs a compromised renderer could send. */
export function rawCall(
  core: Core,
  channel: string,
  input: unknown,
  token: string | null = null,
): Promise<Result<unknown>> {
  return core.dispatch(channel, input, { token });
}

/** The value of a successful result; a failed one throws with its code, so the test shows why. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok)
    throw new Error(
      `expected ok, got ${result.error.code}: ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`,
    );
  return result.value;
}

const ENGLISH_WORDS =
  /\b(the|is|are|not|invalid|error|failed|expected|received|required|must|unknown|forbidden|denied|undefined|null)\b/i;

/** Errors reach counter staff as-is: a message must be present and not English or a bare code. */
export function assertIndonesianMessage(error: AppError): void {
  const message = error.message.trim();
  if (!message) throw new Error(`${error.code} came without a message`);
  if (message === error.code || ENGLISH_WORDS.test(message))
    throw new Error(`${error.code} message is not Indonesian: "${message}"`);
}

/** The error of a failed result, checked to carry `code` and an Indonesian message. */
export function errorOf(result: Result<unknown>, code: ErrorCode): AppError {
  if (result.ok) throw new Error(`expected ${code}, got ok`);
  if (result.error.code !== code)
    throw new Error(
      `expected ${code}, got ${result.error.code}: ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`,
    );
  assertIndonesianMessage(result.error);
  return result.error;
}

// ---------------------------------------------------------------------------------------------
// Office and staff

export function officeInput(templateId: string, idleLockMinutes = 120): ChannelInput<'office.update'> {
  return {
    name: 'Dinas Komunikasi dan Informatika',
    regency: templateId === 'madiun' ? 'Kota Madiun' : 'Kabupaten Trenggalek',
    address: 'Jl. Panglima Sudirman No. 1',
    timeZone: 'WIB',
    letterhead: 'PEMERINTAH DAERAH\nDINAS KOMUNIKASI DAN INFORMATIKA',
    sopTemplateId: templateId,
    idleLockMinutes,
  };
}

export function setupInput(templateId: string, idleLockMinutes = 120): ChannelInput<'setup.initialize'> {
  return {
    office: officeInput(templateId, idleLockMinutes),
    admin: { username: ADMIN_USERNAME, fullName: 'Admin TTE', nip: ADMIN_NIP, password: ADMIN_PASSWORD },
  };
}

/** First run: office and the first Admin TTE. Returns the admin's session. */
export async function setupOffice(core: Core, templateId: string, idleLockMinutes = 120): Promise<SessionInfo> {
  return unwrap(await call(core, 'setup.initialize', setupInput(templateId, idleLockMinutes)));
}

export interface Staff {
  tokens: Record<StaffRole, string>;
  users: Record<StaffRole, UserView>;
}

/** One user per SOP role, each signed in. */
export async function createStaff(core: Core, adminToken: string): Promise<Staff> {
  const tokens = {} as Record<StaffRole, string>;
  const users = {} as Record<StaffRole, UserView>;
  for (const role of STAFF_ROLES) {
    users[role] = unwrap(
      await call(
        core,
        'users.create',
        {
          username: `${role}.satu`,
          fullName: `Pegawai ${role}`,
          nip: STAFF_NIPS[role],
          role,
          password: STAFF_PASSWORD,
        },
        adminToken,
      ),
    );
    tokens[role] = unwrap(await call(core, 'auth.login', { username: `${role}.satu`, password: STAFF_PASSWORD })).token;
  }
  return { tokens, users };
}

/** A set-up office with its staff: the starting point of most workflow tests. */
export async function readyOffice(
  core: Core,
  templateId: string,
): Promise<{ admin: SessionInfo; staff: Staff; template: SopTemplate }> {
  const admin = await setupOffice(core, templateId);
  const staff = await createStaff(core, admin.token);
  return { admin, staff, template: templateById(templateId) };
}

export function templateById(id: string): SopTemplate {
  const template = findTemplate(id);
  if (!template) throw new Error(`no built-in template ${id}`);
  return template;
}

// ---------------------------------------------------------------------------------------------
// Files and the intake form

/** A minimal but real PDF; `marker` lets a test look for the file's bytes later. */
export function pdfBytes(marker = 'Surat permohonan penerbitan sertifikat elektronik'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${marker}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

/** A real 1×1 PNG. */
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export type UploadInput = ChannelInput<'applications.create'>['documents'][number];

export function upload(kind: DocumentKind, bytes: Buffer, fileName: string, mimeType = 'application/pdf'): UploadInput {
  return { kind, fileName, mimeType, dataBase64: bytes.toString('base64') };
}

/** The document a kind is usually uploaded as: KTP as a PNG scan, the rest as PDFs. */
export function defaultUpload(kind: DocumentKind, marker?: string): UploadInput {
  if (kind === 'ktp' || kind === 'selfie') return upload(kind, PNG_BYTES, `${kind}.png`, 'image/png');
  return upload(kind, pdfBytes(marker ?? `Dokumen ${kind}`), `${kind}.pdf`);
}

export type IntakeInput = ChannelInput<'applications.create'>;

/** A valid 'applications.create' input for the template: its required documents, KA OPD if recorded. */
export function validIntake(templateId: string, options: { pdfMarker?: string; nik?: string } = {}): IntakeInput {
  const template = templateById(templateId);
  return {
    serviceType: 'new',
    applicant: {
      name: APPLICANT_NAME,
      nik: options.nik ?? APPLICANT_NIK,
      nip: APPLICANT_NIP,
      rank: 'Penata (III/c)',
      position: 'Analis Kebijakan',
      agency: 'Dinas Pendidikan',
      needsOfficialEmail: false,
      officialEmail: 'budi.santoso@contoh.go.id',
      phone: APPLICANT_PHONE,
    },
    letter: {
      number: '800/123/406.020/2025',
      date: '2025-03-07',
      subject: 'Permohonan penerbitan sertifikat elektronik',
      agendaNumber: 'AG-0042',
    },
    agencyHead: template.recordsAgencyHead
      ? { name: 'Drs. Slamet Riyadi', nip: '196812121990031006', position: 'Kepala Dinas Pendidikan' }
      : null,
    documents: template.documents
      .filter((d) => d.required)
      .map((d) => defaultUpload(d.kind, d.kind === 'letter' ? options.pdfMarker : undefined)),
  };
}

/**
 * A valid NIK for the n-th applicant (n = 0 is APPLICANT_NIK): same region and birth date, serial n + 1.
 * One person may have only one open application, so tests that need several use several people.
 */
export function applicantNik(n: number): string {
  return `${APPLICANT_NIK.slice(0, 12)}${String(n + 1).padStart(4, '0')}`;
}

const applicationsMade = new WeakMap<Core, number>();

/** A new application by the verifier; the first per core is APPLICANT_NIK's, later ones other people's. */
export async function createApplication(core: Core, staff: Staff, templateId: string): Promise<ApplicationDetail> {
  const n = applicationsMade.get(core) ?? 0;
  applicationsMade.set(core, n + 1);
  const input = validIntake(templateId);
  input.applicant.nik = applicantNik(n);
  return unwrap(await call(core, 'applications.create', input, staff.tokens.verifikator));
}

// ---------------------------------------------------------------------------------------------
// Walking the SOP

export type ActInput = ChannelInput<'applications.act'>;

/** Today's date in the office zone (WIB in every fixture office). */
export function todayOf(clock: ManualClock): string {
  return todayIn('WIB', clock.now());
}

/** The payload that satisfies every action of `step`. */
export function stepPayload(step: SopStep, staff: Staff, today: string): Omit<ActInput, 'applicationId' | 'stepNo'> {
  const payload: Omit<ActInput, 'applicationId' | 'stepNo'> = {};
  for (const action of step.actions) {
    switch (action) {
      case 'disposition':
        payload.note = `Disposisi langkah ${step.no}: mohon ditindaklanjuti`;
        break;
      case 'assignVerifier':
        payload.assignVerifierId = staff.users.verifikator.id;
        break;
      case 'checklist':
        payload.checklist = step.checklist.map(() => true);
        break;
      case 'bsreRegistration':
        payload.bsreRegistration = { reference: '' };
        break;
      case 'activation':
        payload.activation = { confirmed: true };
        break;
      case 'identityCheck':
        // Walks without a camera: the audited "verifikasi manual" (the desk path has its own tests).
        payload.identityCheck = {
          decision: 'match',
          manual: {
            reason: 'cameraUnavailable',
            note: 'Kamera meja rusak; KTP asli diperiksa langsung',
            seenInPerson: true,
          },
        };
        break;
      case 'passphrase':
        payload.passphrase = { confirmed: true };
        break;
      case 'issuance':
        payload.issuance = { issuedAt: today };
        break;
      case 'handover':
        payload.handover = { receivedBy: APPLICANT_NAME, handedOverAt: today };
        break;
      case 'intake':
        break;
    }
  }
  return payload;
}

export function stepOfTemplate(template: SopTemplate, no: number): SopStep {
  const step = template.steps.find((s) => s.no === no);
  if (!step) throw new Error(`template ${template.id} has no step ${no}`);
  return step;
}

/** Completes the application's current step as its actor would. */
export async function actCurrentStep(
  core: Core,
  staff: Staff,
  appId: string,
  template: SopTemplate,
  clock: ManualClock,
): Promise<ApplicationDetail> {
  const app = unwrap(await call(core, 'applications.get', { id: appId }, staff.tokens.verifikator));
  const step = stepOfTemplate(template, app.currentStepNo);
  const input: ActInput = { applicationId: appId, stepNo: step.no, ...stepPayload(step, staff, todayOf(clock)) };
  return unwrap(await call(core, 'applications.act', input, staff.tokens[step.actor]));
}

export interface WalkOptions {
  clock: ManualClock;
  /** Moves the clock this far before each step, so elapsed times are known. */
  minutesPerStep?: number;
  /** Stop after completing this step (default: walk to the end). */
  untilStepNo?: number;
}

/** Acts every remaining step with the right role and payload; returns the detail after each act. */
export async function walkToEnd(
  core: Core,
  staff: Staff,
  appId: string,
  template: SopTemplate,
  options: WalkOptions,
): Promise<ApplicationDetail[]> {
  const details: ApplicationDetail[] = [];
  let current = unwrap(await call(core, 'applications.get', { id: appId }, staff.tokens.verifikator));
  while (current.status === 'inProgress') {
    const stepNo = current.currentStepNo;
    if (options.untilStepNo !== undefined && stepNo > options.untilStepNo) break;
    options.clock.advanceMinutes(options.minutesPerStep ?? 0);
    current = await actCurrentStep(core, staff, appId, template, options.clock);
    details.push(current);
  }
  return details;
}

// ---------------------------------------------------------------------------------------------
// Looking at the store

export const COUNTED_TABLES = [
  'office',
  'users',
  'applications',
  'documents',
  'step_events',
  'audit_log',
  'holders',
] as const;
export type CountedTable = (typeof COUNTED_TABLES)[number];

export async function countRows(db: Db): Promise<Record<CountedTable, number>> {
  const counts = {} as Record<CountedTable, number>;
  for (const table of COUNTED_TABLES)
    counts[table] = ((await db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()) as { n: number }).n;
  return counts;
}

export async function auditActions(
  db: Db,
  action: string,
): Promise<{ entity_id: string | null; detail_json: string; user_id: string | null }[]> {
  return (await db
    .prepare('SELECT entity_id, detail_json, user_id FROM audit_log WHERE action = ? ORDER BY seq')
    .all(action)) as {
    entity_id: string | null;
    detail_json: string;
    user_id: string | null;
  }[];
}
