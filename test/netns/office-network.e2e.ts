/**
 * The office network, proved on real hosts (issue 13, "Proof"): the real headless server
 * (`src/main/server/main.ts`) on the 'server' host; the real desk client (pairWithServer +
 * createRemoteCore, via netns-desk-agent) on the admin, kabid, kasi and verif hosts; Chromium on the
 * kadin host. A Trenggalek application walks every step with each role at its own host; the Kasi's
 * desk hears the verifier's action live; a cable pulled while an answer is on its way still gives
 * exactly one application; an impostor on the server's address is refused; a revoked desk is refused.
 */
import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Result } from '../../src/shared/contract/result';
import type { ApplicationDetail, ApplicationSummary } from '../../src/shared/domain/application';
import type { QueueView } from '../../src/shared/domain/queue';
import { todayIn } from '../../src/shared/domain/time';
import {
  APPLICANT_NAME,
  applicantNik,
  setupInput,
  type Staff,
  STAFF_PASSWORD,
  stepOfTemplate,
  stepPayload,
  templateById,
  validIntake,
} from '../helpers/core-fixture';
import { createOffice, execCommand, IP, type Office } from '../helpers/netns';
import { launchChromiumOn } from '../helpers/netns-chromium';
import type { ReceivedChange } from '../helpers/netns-desk-agent';
import { type AgentOnHost, type NodeOnHost, startAgent, startNode } from '../helpers/netns-node';

const PORT = 8443;
const TEMPLATE = 'trenggalek-2024';
const DESK_AGENT = 'test/helpers/netns-desk-agent.ts';
const DESKS = ['admin', 'kabid', 'kasi', 'verif'] as const;
type DeskHost = (typeof DESKS)[number];
const STAFF = [
  { role: 'kadin', nip: '196812121990031006' },
  { role: 'kabid', nip: '197507172000031005' },
  { role: 'kasi', nip: '197001012000012001' },
  { role: 'verifikator', nip: '199105052019032007' },
] as const;

type Answer<T = unknown> = Result<T> & { sentAt: number; answeredAt: number };

let office: Office;
let realDataDir: string;
let impostorDataDir: string;
let server: NodeOnHost;
let serverUrl: string;
const desks = {} as Record<DeskHost, AgentOnHost>;
const deviceIds = {} as Record<DeskHost, string>;
let verifierId: string;
let kadinPage: Page;
let nextApplicant = 0;

const startServer = async (dataDir: string) =>
  startNode(
    office,
    'server',
    'src/main/server/main.ts',
    ['--bind', office.host('server').address, '--port', String(PORT), '--data', dataDir],
    { waitFor: /^Data: /, env: { NODE_ENV: 'test', LOKET_TEST_PASSWORD_COST: '12' } },
  );

const ok = <T>(answer: Result<unknown>): T => {
  if (!answer.ok) throw new Error(`expected ok, got ${answer.error.code}: ${answer.error.message}`);
  return answer.value as T;
};

const deskCall = <T = unknown>(desk: DeskHost, channel: string, input: unknown, idempotencyKey?: string) =>
  desks[desk].call<Answer<T>>('call', channel, input, idempotencyKey ? { idempotencyKey } : {});

const signIn = async (desk: DeskHost, username: string) =>
  ok(await desks[desk].call<Result<unknown>>('signIn', username, STAFF_PASSWORD));

const today = () => todayIn('WIB', new Date());

/** A valid intake for a new person (one person may hold only one open application). */
function intake(): ReturnType<typeof validIntake> {
  const input = validIntake(TEMPLATE);
  input.applicant.nik = applicantNik(nextApplicant++);
  input.letter.date = today();
  input.applicant.officialEmail = `pemohon${nextApplicant}@trenggalekkab.go.id`;
  return input;
}

/** What the current step needs, as the SOP fixture fills it. */
function actInput(appId: string, stepNo: number) {
  const staff = { users: { verifikator: { id: verifierId } } } as unknown as Staff;
  return {
    applicationId: appId,
    stepNo,
    ...stepPayload(stepOfTemplate(templateById(TEMPLATE), stepNo), staff, today()),
  };
}

/** The Kepala Dinas's step in her browser: open the application from the list, complete step 2. */
async function kadinCompletesStep2(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Permohonan', exact: true }).click();
  await page
    .getByRole('row', { name: new RegExp(APPLICANT_NAME) })
    .getByRole('button')
    .click();
  await page.getByRole('heading', { name: APPLICANT_NAME }).waitFor();
  await page.getByRole('button', { name: 'Selesaikan langkah 2' }).click();
  await page.getByText('Langkah 2 selesai.').first().waitFor();
}

const readStore = <T>(dataDir: string, sql: string, ...params: unknown[]): T[] => {
  const db = new Database(join(dataDir, 'loket-tte.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
};

const spkiOf = (certPath: string) =>
  createHash('sha256')
    .update(new X509Certificate(readFileSync(certPath)).publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');

const FIXTURES = join(import.meta.dirname, '../fixtures/ktp');
interface Truth {
  cards: { id: string; file: string; person: { face: string; fields: { nik: string; nama: string } } }[];
  selfies: { file: string; face: string; kind: string }[];
}
const TRUTH = JSON.parse(readFileSync(join(FIXTURES, 'ground-truth.json'), 'utf8')) as Truth;
const CARD = TRUTH.cards.find((c) => c.id.startsWith('ktp-02')) ?? TRUTH.cards[0]!;
const SAME_FACE = TRUTH.selfies.find((s) => s.kind === 'same' && s.face === CARD.person.face)!;
const jpeg = (file: string) => ({
  fileName: file.split('/').pop() ?? 'foto.jpg',
  mimeType: 'image/jpeg' as const,
  dataBase64: readFileSync(join(FIXTURES, file)).toString('base64'),
});

interface IdentityState {
  ktp?: { ocr: { fields: Record<string, { value: string | null }> } };
  selfie?: { face: { band: string; distance: number } };
}

/** Step 7 at the verifier's desk: consent, the KTP read by OCR, fields confirmed, the selfie scored. */
async function identityDesk(appId: string): Promise<{ band: string; distance: number }> {
  ok(await deskCall('verif', 'identity.consent', { applicationId: appId, agreed: true }));
  const read = ok<IdentityState>(
    await deskCall('verif', 'identity.captureKtp', { applicationId: appId, image: jpeg(CARD.file) }),
  );
  expect(read.ktp?.ocr.fields.nik?.value, 'the server read the KTP').toBe(CARD.person.fields.nik);
  const fields = Object.fromEntries(Object.entries(read.ktp?.ocr.fields ?? {}).map(([k, f]) => [k, f.value ?? '']));
  ok(
    await deskCall('verif', 'identity.confirmFields', {
      applicationId: appId,
      fields: { ...fields, ...CARD.person.fields },
    }),
  );
  const scored = ok<IdentityState>(
    await deskCall('verif', 'identity.captureSelfie', { applicationId: appId, image: jpeg(SAME_FACE.file) }),
  );
  ok(
    await deskCall(
      'verif',
      'applications.act',
      { applicationId: appId, stepNo: 7, note: '', identityCheck: { decision: 'match', reason: 'Diperiksa langsung' } },
      randomUUID(),
    ),
  );
  return { band: scored.selfie?.face.band ?? 'none', distance: scored.selfie?.face.distance ?? -1 };
}

/** Steps BSrE drives (activation, passphrase): the office only waits for BSrE's word. */
const BSRE_DRIVEN = [6, 8];
/** What the applicant does at the BSrE simulator before a step: activate the account; BSrE issues. */
const TRAINER_ACTION: Record<number, 'activate' | 'issue'> = { 6: 'activate', 9: 'issue' };

/** Acts, asking BSrE again while the server has not yet heard the certificate issued (step 9). */
async function actUntilBsreAgrees(desk: DeskHost, appId: string, act: unknown): Promise<Answer> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const answer = await deskCall(desk, 'applications.act', act, randomUUID());
    if (answer.ok || answer.error.code !== 'BSRE_NOT_ISSUED' || Date.now() > deadline) return answer;
    ok(await deskCall(desk, 'bsre.refreshApplication', { applicationId: appId }));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The application once its step `stepNo` is done (the verifier's desk asks BSrE), within 45 s. */
async function stepDone(appId: string, stepNo: number): Promise<ApplicationDetail> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const detail = ok<ApplicationDetail>(await deskCall('verif', 'bsre.refreshApplication', { applicationId: appId }));
    if (detail.status !== 'inProgress' || detail.currentStepNo > stepNo) return detail;
    if (Date.now() > deadline) throw new Error(`step ${stepNo} not done: ${JSON.stringify(detail.events.at(-1))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const countOpenFor = async (nik: string) =>
  ok<ApplicationSummary[]>(await deskCall('kasi', 'applications.list', { query: nik, status: 'all' })).length;

beforeAll(async () => {
  realDataDir = mkdtempSync(join(tmpdir(), 'loket-netns-real-'));
  impostorDataDir = mkdtempSync(join(tmpdir(), 'loket-netns-impostor-'));
  office = await createOffice({ hosts: ['server', 'admin', 'kadin', 'kabid', 'kasi', 'verif'] });
  server = await startServer(realDataDir);
  serverUrl = /berjalan di (https:\/\/\S+)/.exec(server.output())?.[1] ?? '';
  const firstCode = (await server.waitForLine(/Kode pemasangan: (\S+)/, 5_000))[1] ?? '';
  const started = await Promise.all(DESKS.map((desk) => startAgent(office, desk, DESK_AGENT)));
  DESKS.forEach((desk, i) => (desks[desk] = started[i]!));

  // The Admin pairs the first desk with the code the server printed and sets the office up there.
  const paired = ok<{ deviceId: string }>(
    await desks.admin.call('pair', { url: serverUrl, code: firstCode, deviceName: 'Meja Admin' }),
  );
  deviceIds.admin = paired.deviceId;
  const session = ok<{ token: string }>(
    await desks.admin.call('call', 'setup.initialize', setupInput(TEMPLATE), { anonymous: true }),
  );
  await desks.admin.call('useToken', session.token);
  for (const s of STAFF) {
    const user = ok<{ id: string }>(
      await deskCall('admin', 'users.create', {
        username: `${s.role}.satu`,
        fullName: `Pegawai ${s.role}`,
        nip: s.nip,
        role: s.role,
        password: STAFF_PASSWORD,
      }),
    );
    if (s.role === 'verifikator') verifierId = user.id;
  }
  for (const desk of ['kabid', 'kasi', 'verif'] as const) {
    const { code } = ok<{ code: string }>(await deskCall('admin', 'network.pairingCode', {}));
    deviceIds[desk] = ok<{ deviceId: string }>(
      await desks[desk].call('pair', { url: serverUrl, code, deviceName: `Meja ${desk}`, requestTimeoutMs: 60_000 }),
    ).deviceId;
  }
  await signIn('kabid', 'kabid.satu');
  await signIn('kasi', 'kasi.satu');
  await signIn('verif', 'verifikator.satu');
}, 120_000);

afterAll(async () => {
  await office?.destroy();
  for (const dir of [realDataDir, impostorDataDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('office network on real hosts', () => {
  it('walks a Trenggalek application to handover, each role at its own host, every desk action audited with its device and IP', async () => {
    // The Admin allows browser sign-in; the Kepala Dinas signs in with Chromium on her own PC.
    ok(await deskCall('admin', 'network.updateSettings', { browserAllowed: true }));
    const browser = await launchChromiumOn(office, 'kadin', {
      acceptSpki: [spkiOf(join(realDataDir, 'tls/server.crt'))],
    });
    kadinPage = await browser.newPage();
    await kadinPage.goto(serverUrl);
    await kadinPage.getByLabel('Nama pengguna').fill('kadin.satu');
    await kadinPage.getByLabel('Kata sandi').fill(STAFF_PASSWORD);
    await kadinPage.getByRole('button', { name: 'Masuk' }).click();
    await kadinPage.getByRole('button', { name: 'Keluar' }).waitFor();

    const input = intake();
    const created = ok<ApplicationDetail>(await deskCall('verif', 'applications.create', input, randomUUID()));
    expect(created).toMatchObject({ currentStepNo: 2, currentStepActor: 'kadin' });
    const appId = created.id;

    const actors: Record<number, 'kadin' | DeskHost> = { 2: 'kadin', 3: 'kabid', 4: 'kasi' };
    let detail = created;
    let identity: { band: string; distance: number } | null = null;
    while (detail.status === 'inProgress') {
      const stepNo = detail.currentStepNo;
      const actor = actors[stepNo] ?? 'verif';
      // Mode Latihan: what the applicant does at BSrE, played on the simulator inside the server.
      const atBsre = TRAINER_ACTION[stepNo];
      if (atBsre) ok(await deskCall('verif', 'training.act', { email: input.applicant.officialEmail, action: atBsre }));
      if (stepNo === 7) identity = await identityDesk(appId);
      else if (!BSRE_DRIVEN.includes(stepNo)) {
        if (actor === 'kadin') await kadinCompletesStep2(kadinPage);
        else ok<ApplicationDetail>(await actUntilBsreAgrees(actor, appId, actInput(appId, stepNo)));
      }
      // Some steps finish when BSrE (the simulator inside the server) answers: wait for the step to move.
      detail = await stepDone(appId, stepNo);
      expect(
        detail.events.find((e) => e.stepNo === stepNo),
        `step ${stepNo}`,
      ).toMatchObject({ kind: 'completed' });
    }
    const final = ok<ApplicationDetail>(await deskCall('kasi', 'applications.get', { id: appId }));
    expect(final.status).toBe('completed');
    expect(final.events.map((e) => e.stepNo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(final.events.find((e) => e.stepNo === 9)?.data).toMatchObject({ handover: { receivedBy: APPLICANT_NAME } });
    expect(final.certificate?.issuedAt).toBe(today());
    // The identity desk ran on the server: the KTP read and the face scored, the score kept in step 7.
    expect(final.applicant.nik).toBe(CARD.person.fields.nik);
    expect(['cocok', 'perluDiperiksa']).toContain(identity?.band);
    const step7 = final.events.find((e) => e.stepNo === 7)?.data.identityCheck as { face?: { distance: number } };
    expect(step7.face?.distance).toBe(identity?.distance);
    console.log(
      `[office-network] identity desk over the network: face ${identity?.band} (distance ${identity?.distance})`,
    );

    // The audit: who did each step, from which device and which address. Step 5 is completed by BSrE's
    // answer in the server's own background work (credited to no desk); the verifier's request is.
    const audit = readStore<{ action: string; detail_json: string }>(
      realDataDir,
      'SELECT action, detail_json FROM audit_log WHERE entity_id = ? ORDER BY seq',
      appId,
    ).map((r) => ({ action: r.action, ...(JSON.parse(r.detail_json) as { stepNo?: number; origin?: unknown }) }));
    const at = (host: 'kadin' | DeskHost) =>
      host === 'kadin'
        ? { kind: 'browser', device: expect.stringMatching(/^[\w-]{16,}$/), ip: office.host('kadin').address }
        : { kind: 'desk', device: deviceIds[host], ip: office.host(host).address };
    const stepOrigins = audit
      .filter((e) => e.action === 'application.create' || e.action === 'application.step_completed')
      .map((e) => [e.stepNo ?? 1, e.origin]);
    expect(stepOrigins).toEqual([
      [1, at('verif')],
      [2, at('kadin')],
      [3, at('kabid')],
      [4, at('kasi')],
      [5, undefined],
      [6, at('verif')],
      [7, at('verif')],
      [8, at('verif')],
      [9, at('verif')],
    ]);
    expect(audit.find((e) => e.action === 'bsre.registration_requested')).toMatchObject({
      stepNo: 5,
      origin: at('verif'),
    });
    expect(new Set(Object.values(deviceIds)).size, 'four desks, four devices').toBe(4);
  });

  it('the Kasi’s desk hears the verifier’s intake within 2 s; its queue re-read shows it', async () => {
    await desks.kasi.call('subscribe');
    await new Promise((resolve) => setTimeout(resolve, 500)); // the stream is open before the action
    const before = ok<QueueView>(await deskCall('kasi', 'queue.list', {}));
    const created = await deskCall<ApplicationDetail>('verif', 'applications.create', intake(), randomUUID());
    const appId = ok<ApplicationDetail>(created).id;
    expect(before.items.map((i) => i.id)).not.toContain(appId);
    const heard = await desks.kasi.call<ReceivedChange | null>(
      'waitForChange',
      created.sentAt,
      { applicationId: appId },
      2_000,
    );
    expect(heard, 'a change event about the new application').not.toBeNull();
    const latencyMs = heard!.at - created.sentAt;
    console.log(`[office-network] kasi heard the verifier's intake ${latencyMs} ms after it was sent`);
    expect(latencyMs).toBeLessThan(2_000);
    const after = ok<QueueView>(await deskCall('kasi', 'queue.list', {}));
    expect(after.items.find((i) => i.id === appId)).toMatchObject({ stepNo: 2, status: 'inProgress' });
    expect(after.counts.total).toBe(before.counts.total + 1);
  });

  it('a cable pulled while the answer is on its way, then a retry with the same key, gives exactly one application', async () => {
    const input = intake();
    const key = randomUUID();
    // The wire towards the verifier carries 2 KB/s: the create's answer (about 2.3 KB of JSON, after a
    // 1.6 KB burst) is still on its way for a few hundred ms when the cable goes.
    const lan = office.lanNs;
    const port = office.host('verif').vethLan;
    const tc = async (...args: string[]) => {
      const result = await execCommand(IP, ['netns', 'exec', lan, 'tc', ...args]);
      expect(result.code, result.stderr).toBe(0);
    };
    await tc('qdisc', 'add', 'dev', port, 'root', 'tbf', 'rate', '16kbit', 'burst', '1600', 'latency', '20s');
    await desks.verif.call('setRequestTimeout', 2_500);
    const since = Date.now();
    const attempt = deskCall<ApplicationDetail>('verif', 'applications.create', input, key);
    // The Kasi's desk sees the server has created it; the answer to the verifier is still on the wire.
    let created: ApplicationSummary[] = [];
    while (created.length === 0 && Date.now() - since < 5_000)
      created = ok<ApplicationSummary[]>(
        await deskCall('kasi', 'applications.list', { query: input.applicant.nik, status: 'all' }),
      );
    await office.cutLink('verif');
    expect(
      created.map((a) => a.applicantName),
      'the server created the application',
    ).toEqual([input.applicant.name]);
    const lost = await attempt;
    expect(lost.ok ? 'ok' : lost.error.code, 'the answer never reached the desk').toBe('SERVER_UNREACHABLE');
    expect(await countOpenFor(input.applicant.nik), 'the server has it').toBe(1);
    await office.restoreLink('verif');
    await tc('qdisc', 'del', 'dev', port, 'root');
    await desks.verif.call('setRequestTimeout', 60_000);

    // The desk keeps the draft and retries with the same key until the server answers again.
    const restoredAt = Date.now();
    let retry = await deskCall<ApplicationDetail>('verif', 'applications.create', input, key);
    let attempts = 1;
    while (!retry.ok && retry.error.code === 'SERVER_UNREACHABLE' && Date.now() - restoredAt < 15_000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      retry = await deskCall<ApplicationDetail>('verif', 'applications.create', input, key);
      attempts += 1;
    }
    console.log(
      `[office-network] retry answered after ${attempts} attempt(s), ${Date.now() - restoredAt} ms after the cable was back`,
    );
    const retried = ok<ApplicationDetail>(retry);
    expect(retried.id, 'the retry names the application the lost answer was about').toBe(created[0]!.id);
    expect(await countOpenFor(input.applicant.nik), 'still exactly one').toBe(1);
  });

  it('refuses a different server on the server’s address, nothing reaching it; works again with the real one', async () => {
    await desks.kasi.call('unsubscribe');
    await server.stop();
    const impostor = await startServer(impostorDataDir);
    const realFingerprint = /\(SHA-256\): ([0-9A-F:]+)/.exec(server.output())?.[1];
    const impostorFingerprint = /\(SHA-256\): ([0-9A-F:]+)/.exec(impostor.output())?.[1];
    expect(impostorFingerprint).not.toBe(realFingerprint);
    expect(await desks.verif.call('presentedFingerprint', serverUrl), 'the impostor answers there').toBe(
      impostorFingerprint,
    );

    // What a fresh server would accept from anyone: first-run setup. The desk sends nothing to it.
    const impostorStore = () =>
      readStore<{ office: number; users: number; audit: number; devices: number }>(
        impostorDataDir,
        'SELECT (SELECT COUNT(*) FROM office) AS office, (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM audit_log) AS audit, (SELECT COUNT(*) FROM devices) AS devices',
      )[0];
    const atStart = impostorStore();
    expect(atStart).toMatchObject({ office: 0, devices: 0 });
    const setup = await desks.verif.call<Answer>('call', 'setup.initialize', setupInput(TEMPLATE), { anonymous: true });
    const create = await deskCall('verif', 'applications.create', intake(), randomUUID());
    for (const answer of [setup, create]) expect(answer.ok ? 'ok' : answer.error.code).toBe('SERVER_CERT_MISMATCH');
    await impostor.stop();
    expect(impostorStore(), 'the impostor’s store is as it started: no setup, no desk, no audit entry').toEqual(
      atStart,
    );

    server = await startServer(realDataDir);
    expect(/\(SHA-256\): ([0-9A-F:]+)/.exec(server.output())?.[1]).toBe(realFingerprint);
    await signIn('verif', 'verifikator.satu');
    expect(ok<QueueView>(await deskCall('verif', 'queue.list', {})).counts.total).toBeGreaterThan(0);
  });

  it('refuses a revoked desk: DEVICE_REVOKED on its next call, and its event stream closes', async () => {
    const admin = await desks.admin.call<Result<unknown>>('signIn', 'admin.tte', 'RahasiaAdmin2025');
    ok(admin);
    await signIn('kasi', 'kasi.satu');
    const stream = await desks.kasi.call<{ id: number; status: number }>('openRawStream');
    expect(stream.status).toBe(200);
    expect(await desks.kasi.call('rawStreamEnded', stream.id, 300), 'open before the revocation').toBeNull();

    const revokedAt = Date.now();
    const revoked = ok<{ id: string; revokedAt: string | null }>(
      await deskCall('admin', 'network.revokeDevice', { deviceId: deviceIds.kasi }),
    );
    expect(revoked.revokedAt).not.toBeNull();
    const endedAt = await desks.kasi.call<number | null>('rawStreamEnded', stream.id, 2_000);
    expect(endedAt, 'the stream ended').not.toBeNull();
    console.log(
      `[office-network] the revoked desk's event stream ended ${endedAt! - revokedAt} ms after the revocation`,
    );

    const next = await deskCall('kasi', 'queue.list', {});
    expect(next.ok ? 'ok' : next.error.code).toBe('DEVICE_REVOKED');
    const again = await desks.kasi.call<Answer>('signIn', 'kasi.satu', STAFF_PASSWORD);
    expect(again.ok ? 'ok' : again.error.code, 'not even a new sign-in').toBe('DEVICE_REVOKED');
    const reopened = await desks.kasi.call<{ status: number }>('openRawStream');
    expect(reopened.status).toBe(403);
    expect(ok<QueueView>(await deskCall('verif', 'queue.list', {})).counts.total, 'other desks go on').toBeGreaterThan(
      0,
    );
  });
});
