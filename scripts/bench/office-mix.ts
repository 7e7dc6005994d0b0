/**
 * The desks of `npm run bench -- office`: each desk pairs with the office server through the real
 * pairing (`pairWithServer`) and calls it through the real desk client (`createRemoteCore`, HTTPS with
 * the pinned certificate), so every figure includes TLS, the office guard and `dispatch`. `runMix`
 * plays a busy morning for a bounded time: intakes with documents, the disposition chain, the Kasi's
 * queue and recap reads, and — in the heavy phase — an identity desk running OCR + face and one desk
 * alternating the year report and a backup. Every call's latency and result code is recorded.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { pairWithServer } from '../../src/main/desk/pair-with-server';
import { createRemoteCore, type RemoteCore } from '../../src/main/desk/remote-core';
import type { ChannelName } from '../../src/shared/contract/channel-names';
import type { ChannelInput, ChannelResult } from '../../src/shared/contract/channels';
import type { Result } from '../../src/shared/contract/result';
import type { QueueItem } from '../../src/shared/domain/queue';
import { todayIn } from '../../src/shared/domain/time';
import { findTemplate } from '../../src/shared/sop/builtin';
import type { SopStep } from '../../src/shared/sop/template';
import type { BenchServerInfo, BenchUser } from './office-bench-server';
import { BENCH_TEMPLATE, BENCH_USERS } from './office-bench-server';

/**
 * Answers a busy office produces by itself: two people on one step (STEP_MISMATCH, or BSRE_PENDING
 * when the other one's registration is already waiting on BSrE), one person applying twice, a step
 * acted on an application someone just closed, a backup asked for while one runs.
 */
export const EXPECTED_CONFLICTS: readonly string[] = [
  'STEP_MISMATCH',
  'BSRE_PENDING',
  'APPLICATION_ALREADY_OPEN',
  'APPLICATION_CLOSED',
  'BACKUP_RUNNING',
];

export interface CallRecord {
  channel: string;
  /** The channel, with the variant where one channel does two jobs (the report as XLSX or PDF). */
  label: string;
  ms: number;
  /** 'ok' or the error code. */
  code: string;
  /** A report, backup or identity call was running on the server when this call started. */
  heavyInFlight: boolean;
  heavy: boolean;
  /** Date.now() when sent and when answered, to line calls up with the server's stalls. */
  sentAt: number;
  answeredAt: number;
}

interface Session {
  user: BenchUser;
  remote: RemoteCore;
  token: string;
}

export interface Office {
  info: BenchServerInfo;
  sessions: Record<BenchUser, Session>;
  /** The application the identity desk captures on (at the identity step, assigned to its verifier). */
  /** Desks beyond the five seats: more intake counters, signed in as the same verifier (they race for steps). */
  extraCounters: Session[];
  identityApplicationId: string;
  nextApplicant: number;
}

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/ktp');
const template = (() => {
  const t = findTemplate(BENCH_TEMPLATE);
  if (!t) throw new Error(`no template ${BENCH_TEMPLATE}`);
  return t;
})();

const jpeg = (file: string) => ({
  fileName: file.split('/').pop() ?? 'foto.jpg',
  mimeType: 'image/jpeg' as const,
  dataBase64: readFileSync(join(FIXTURES, file)).toString('base64'),
});
const KTP_CARD = jpeg('cards/ktp-01-clean.jpg');
const SELFIE = jpeg('selfies/same-astronaut-1.jpg');

function pdf(marker: string): string {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${marker}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  ).toString('base64');
}

/** A structurally valid NIK (Panggul, Trenggalek; born 15 June 1985) for the n-th walk-in of this run. */
function walkInNik(n: number): string {
  const day = 1 + (n % 28);
  const serial = 5000 + Math.floor(n / 28);
  return `350301${String(day).padStart(2, '0')}0685${String(serial).padStart(4, '0')}`;
}

function intakeInput(n: number): ChannelInput<'applications.create'> {
  return {
    serviceType: 'new',
    applicant: {
      name: `Pemohon Pagi ${n}`,
      nik: walkInNik(n),
      nip: '198506152010011003',
      rank: 'Penata (III/c)',
      position: 'Analis Kebijakan',
      agency: 'Dinas Pendidikan',
      needsOfficialEmail: false,
      officialEmail: `pemohon${n}@contoh.go.id`,
      phone: '081234567890',
    },
    letter: {
      number: `800/${n}/406.020/2025`,
      date: todayIn('WIB', new Date()),
      subject: 'Permohonan penerbitan sertifikat elektronik',
      agendaNumber: `AG-${n}`,
    },
    agencyHead: template.recordsAgencyHead
      ? { name: 'Drs. Slamet Riyadi', nip: '196812121990031006', position: 'Kepala Dinas Pendidikan' }
      : null,
    documents: [
      { kind: 'letter', fileName: 'surat.pdf', mimeType: 'application/pdf', dataBase64: pdf(`Surat ${n}`) },
      { kind: 'sk', fileName: 'sk.pdf', mimeType: 'application/pdf', dataBase64: pdf(`SK ${n}`) },
      { kind: 'ktp', ...KTP_CARD },
    ],
  };
}

/** The payload that completes `step` (the identity step by the audited manual check, as a desk without camera). */
function stepPayload(
  step: SopStep,
  office: Office,
): Omit<ChannelInput<'applications.act'>, 'applicationId' | 'stepNo'> {
  const today = todayIn('WIB', new Date());
  const payload: Omit<ChannelInput<'applications.act'>, 'applicationId' | 'stepNo'> = {};
  for (const action of step.actions) {
    if (action === 'disposition') payload.note = `Disposisi langkah ${step.no}: mohon ditindaklanjuti`;
    if (action === 'assignVerifier') payload.assignVerifierId = office.info.userIds.loket;
    if (action === 'checklist') payload.checklist = step.checklist.map(() => true);
    if (action === 'bsreRegistration') payload.bsreRegistration = { reference: '' };
    if (action === 'activation') payload.activation = { confirmed: true };
    if (action === 'identityCheck')
      payload.identityCheck = {
        decision: 'match',
        manual: {
          reason: 'cameraUnavailable',
          note: 'Kamera meja rusak; KTP asli diperiksa langsung',
          seenInPerson: true,
        },
      };
    if (action === 'passphrase') payload.passphrase = { confirmed: true };
    if (action === 'issuance') payload.issuance = { issuedAt: today };
    if (action === 'handover') payload.handover = { receivedBy: 'Pemohon', handedOverAt: today };
  }
  return payload;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const MUTATING = /\.(create|act|consent|captureKtp|captureSelfie|run|login|logout)$/;

/** Counts the heavy calls in flight, so each sample knows whether heavy work was running. */
class Recorder {
  readonly records: CallRecord[] = [];
  heavy = 0;

  async call<C extends ChannelName>(
    session: Session,
    channel: C,
    input: ChannelInput<C>,
    options: { heavy?: boolean; label?: string } = {},
  ): Promise<Result<ChannelResult<C>>> {
    const heavyInFlight = this.heavy > 0;
    if (options.heavy) this.heavy += 1;
    const start = performance.now();
    const sentAt = Date.now();
    try {
      const result = (await session.remote.dispatch(channel, input, {
        token: session.token,
        idempotencyKey: MUTATING.test(channel) ? randomBytes(18).toString('base64url') : null,
      })) as Result<ChannelResult<C>>;
      this.records.push({
        channel,
        label: options.label ?? channel,
        ms: performance.now() - start,
        code: result.ok ? 'ok' : result.error.code,
        heavyInFlight,
        heavy: Boolean(options.heavy),
        sentAt,
        answeredAt: Date.now(),
      });
      return result;
    } finally {
      if (options.heavy) this.heavy -= 1;
    }
  }
}

async function signIn(remote: RemoteCore, user: BenchUser, password: string): Promise<Session> {
  const result = await remote.dispatch(
    'auth.login',
    { username: BENCH_USERS[user].username, password },
    { token: null },
  );
  if (!result.ok) throw new Error(`sign-in ${user}: ${result.error.code}`);
  return { user, remote, token: (result.value as { token: string }).token };
}

/** Which desk each person sits at: the intake counter, Kadin, Kabid, Kasi, the identity desk; Admin at Kadin's. */
const SEATS: readonly BenchUser[] = ['loket', 'kadin', 'kabid', 'kasi', 'identitas'];

/** Pairs every desk (one pairing code each), signs everyone in and prepares the identity desk's application. */
export async function openOffice(info: BenchServerInfo): Promise<Office> {
  const remotes: RemoteCore[] = [];
  for (const [i, code] of info.pairingCodes.entries()) {
    const paired = await pairWithServer({ url: info.url, code, deviceName: `Meja bench ${i + 1}` });
    if (!paired.ok) throw new Error(`pairing desk ${i + 1}: ${paired.error.code}`);
    remotes.push(createRemoteCore(paired.value));
  }
  const deskOf = (user: BenchUser) =>
    remotes[(user === 'admin' ? SEATS.indexOf('kadin') : SEATS.indexOf(user)) % remotes.length] as RemoteCore;
  const sessions = {} as Record<BenchUser, Session>;
  for (const user of Object.keys(BENCH_USERS) as BenchUser[])
    sessions[user] = await signIn(deskOf(user), user, info.passwords[user]);
  const extraCounters: Session[] = [];
  for (const remote of remotes.slice(SEATS.length))
    extraCounters.push(await signIn(remote, 'loket', info.passwords.loket));
  const office: Office = { info, sessions, extraCounters, identityApplicationId: '', nextApplicant: 0 };
  // The identity desk's applicant: walked to the identity step, assigned to the identity desk's verifier.
  const setup = new Recorder();
  const n = office.nextApplicant++;
  const created = await setup.call(sessions.loket, 'applications.create', intakeInput(n));
  if (!created.ok) throw new Error(`identity application: ${created.error.code}`);
  let app = created.value;
  const waitForStep = async (stepNo: number) => {
    for (let waited = 0; app.currentStepNo < stepNo && waited < 30_000; waited += 100) {
      await pause(100);
      const read = await setup.call(sessions.identitas, 'applications.get', { id: app.id });
      if (!read.ok) throw new Error(`identity application: ${read.error.code}`);
      app = read.value;
    }
    if (app.currentStepNo < stepNo) throw new Error(`identity application: BSrE did not move it to step ${stepNo}`);
  };
  while (app.currentStepNo < 6) {
    const step = template.steps.find((s) => s.no === app.currentStepNo) as SopStep;
    const payload = stepPayload(step, office);
    if (step.actions.includes('assignVerifier')) payload.assignVerifierId = info.userIds.identitas;
    const actor: BenchUser = step.actor === 'verifikator' ? 'identitas' : (step.actor as BenchUser);
    const acted = await setup.call(sessions[actor], 'applications.act', {
      applicationId: app.id,
      stepNo: step.no,
      ...payload,
    });
    if (!acted.ok) throw new Error(`identity application step ${step.no}: ${acted.error.code}`);
    app = acted.value;
    if (step.actions.includes('bsreRegistration')) break;
  }
  // Step 5 completes when the simulator confirms the registration (the server's outbox worker); step 6
  // when the applicant has activated (Mode Latihan's trainer plays the applicant) and BSrE says so.
  await waitForStep(6);
  const email = `pemohon${n}@contoh.go.id`;
  const activated = await setup.call(sessions.identitas, 'training.act', { email, action: 'activate' });
  if (!activated.ok) throw new Error(`identity application activation: ${activated.error.code}`);
  const refreshed = await setup.call(sessions.identitas, 'bsre.refreshApplication', { applicationId: app.id });
  if (!refreshed.ok) throw new Error(`identity application refresh: ${refreshed.error.code}`);
  app = refreshed.value;
  await waitForStep(7);
  const consent = await setup.call(sessions.identitas, 'identity.consent', { applicationId: app.id, agreed: true });
  if (!consent.ok) throw new Error(`identity consent: ${consent.error.code}`);
  office.identityApplicationId = app.id;
  return office;
}

/** The heavy jobs of the morning, each of which may run alone in an isolation phase. */
export const HEAVY_JOBS = ['ktp', 'selfie', 'reportXlsx', 'reportPdf', 'backup'] as const;
export type HeavyJob = (typeof HEAVY_JOBS)[number];

export interface MixOptions {
  durationMs: number;
  /**
   * true: the identity desk and the report/backup desk run too, for the whole time. One job: it runs
   * once beside the light mix, and the mix ends when it answers (or at durationMs).
   */
  heavy: boolean | HeavyJob;
  /** A person's pause between two calls at a desk. */
  thinkMs: number;
}

/** Acts the first item of `items` whose step is the session's to act; a conflict is recorded, not thrown. */
async function actFirst(rec: Recorder, session: Session, office: Office, items: QueueItem[]): Promise<void> {
  // What waits on BSrE is the server's outbox worker's to move, not a person's.
  const item = items.find((i) => i.status === 'inProgress' && i.waitingOn !== 'bsre');
  if (!item) return;
  const step = template.steps.find((s) => s.no === item.stepNo);
  if (!step || (step.actor === 'verifikator') !== (session.user === 'loket')) return;
  await rec.call(session, 'applications.act', {
    applicationId: item.id,
    stepNo: step.no,
    ...stepPayload(step, office),
  });
}

/** Plays the morning until `durationMs` has passed; calls already sent are awaited, none started after. */
export async function runMix(office: Office, options: MixOptions): Promise<CallRecord[]> {
  const rec = new Recorder();
  const until = performance.now() + options.durationMs;
  let stopped = false;
  const running = () => !stopped && performance.now() < until;
  const s = office.sessions;
  const year = Number(todayIn('WIB', new Date()).slice(0, 4));

  const loop = async (work: () => Promise<void>) => {
    while (running()) {
      await work();
      if (running()) await pause(options.thinkMs);
    }
  };

  const workers: Promise<void>[] = [
    // The intake counters: a walk-in with documents, then the verifier's own next step.
    ...[s.loket, ...office.extraCounters].map((counter) =>
      loop(async () => {
        const created = await rec.call(counter, 'applications.create', intakeInput(office.nextApplicant++));
        if (!running() || !created.ok) return;
        const mine = await rec.call(counter, 'queue.list', { verifierId: office.info.userIds.loket });
        const ready = mine.ok ? mine.value.items.filter((i) => i.stepNo >= 5) : [];
        if (running()) await actFirst(rec, counter, office, ready);
      }),
    ),
    // Kadin and Kabid: their step of the disposition chain.
    ...(['kadin', 'kabid'] as const).map((user, i) =>
      loop(async () => {
        const queue = await rec.call(s[user], 'queue.list', { stepNo: 2 + i });
        if (queue.ok && running()) await actFirst(rec, s[user], office, queue.value.items);
      }),
    ),
    // The Kasi reviews the whole queue, looks up holders, assigns the verifier.
    loop(async () => {
      await rec.call(s.kasi, 'queue.list', {});
      if (!running()) return;
      await rec.call(s.kasi, 'holders.list', { query: '', sort: 'expiresAt', direction: 'asc', offset: 0, limit: 100 });
      if (!running()) return;
      const queue = await rec.call(s.kasi, 'queue.list', { stepNo: 4 });
      if (queue.ok && running()) await actFirst(rec, s.kasi, office, queue.value.items);
    }),
  ];
  const applicationId = office.identityApplicationId;
  const job: Record<HeavyJob, () => Promise<unknown>> = {
    ktp: () => rec.call(s.identitas, 'identity.captureKtp', { applicationId, image: KTP_CARD }, { heavy: true }),
    selfie: () => rec.call(s.identitas, 'identity.captureSelfie', { applicationId, image: SELFIE }, { heavy: true }),
    reportXlsx: () =>
      rec.call(
        s.kadin,
        'reports.facilitationFile',
        { period: { kind: 'year', year }, format: 'xlsx' },
        { heavy: true, label: 'reports.facilitationFile (year, xlsx)' },
      ),
    reportPdf: () =>
      rec.call(
        s.kadin,
        'reports.facilitationFile',
        { period: { kind: 'year', year }, format: 'pdf' },
        { heavy: true, label: 'reports.facilitationFile (year, pdf)' },
      ),
    backup: () => rec.call(s.admin, 'backup.run', {}, { heavy: true }),
  };
  if (options.heavy === true) {
    workers.push(
      // The identity desk: KTP photo (OCR) and selfie (face match), again and again.
      loop(async () => {
        await job.ktp();
        if (running()) await job.selfie();
      }),
      // The year report (XLSX, then PDF) and a backup, one after another, so heavy work stays in flight.
      (async () => {
        const jobs = [job.reportXlsx, job.backup, job.reportPdf];
        for (let i = 0; running(); i++) await jobs[i % jobs.length]?.();
      })(),
    );
  } else if (options.heavy) {
    workers.push(
      job[options.heavy]().then(() => {
        stopped = true;
      }),
    );
  }
  await Promise.all(workers);
  return rec.records;
}

/** One KTP read and one selfie, unrecorded: loads the OCR and face models (a start-up cost, not the morning's). */
export async function warmUp(office: Office): Promise<void> {
  const rec = new Recorder();
  const applicationId = office.identityApplicationId;
  await rec.call(office.sessions.identitas, 'identity.captureKtp', { applicationId, image: KTP_CARD });
  await rec.call(office.sessions.identitas, 'identity.captureSelfie', { applicationId, image: SELFIE });
  const failed = rec.records.filter((r) => r.code !== 'ok');
  if (failed.length > 0) throw new Error(`warm-up: ${failed.map((r) => `${r.channel} ${r.code}`).join(', ')}`);
}
