/**
 * Crash safety: the real web host process on one SQLite file, SIGKILLed again and again in the
 * middle of a burst of intakes, step moves and BSrE registrations (Mode Latihan: the outbox is
 * written and the worker sends it to the simulator), restarted, and checked every time.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, expect, it } from 'vitest';

import type { UserView } from '../../src/shared/domain/office';
import {
  pdfBytes,
  setupInput,
  type Staff,
  type StaffRole,
  stepOfTemplate,
  stepPayload,
  templateById,
  validIntake,
} from '../helpers/core-fixture';
import { type Ledger, type SentIntake, verifyStore } from '../helpers/crash-ledger';
import { hostCall, type HostProcess, minimalStaticDir, spawnHost } from '../helpers/host-process';

const ROUNDS = 14;
const INTAKES_PER_ROUND = 6;
const SEED = Number(process.env.LOKET_CRASH_SEED ?? 20250310);
const template = templateById('trenggalek-2024');
const REGISTRATION_STEP = template.steps.find((s) => s.actions.includes('bsreRegistration'))?.no ?? 0;
const REQUIRED_KINDS = template.documents.filter((d) => d.required).map((d) => d.kind);
const PASSWORD = 'SandiStaf2025x';
const NIPS: Record<StaffRole, string> = {
  kadin: '196812121990031006',
  kabid: '197507172000031005',
  kasi: '197001012000012001',
  verifikator: '199105052019032007',
};

/** mulberry32: the kill moments are random but the same on every run of one seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dir = mkdtempSync(join(tmpdir(), 'loket-crash-'));
const dataDir = join(dir, 'data');
const staticDir = minimalStaticDir(join(dir, 'renderer'));
let host: HostProcess | null = null;

afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const ok = <T>(r: { ok: boolean; value?: T; error?: { code: string } }, what: string): T => {
  if (!r.ok) throw new Error(`${what}: ${r.error?.code}`);
  return r.value as T;
};

async function signIn(h: HostProcess, users: Record<StaffRole, UserView>): Promise<Staff> {
  const tokens = {} as Record<StaffRole, string>;
  for (const role of Object.keys(users) as StaffRole[])
    tokens[role] = ok(
      await hostCall<{ token: string }>(h, 'auth.login', { username: `${role}.satu`, password: PASSWORD }),
      `login ${role}`,
    ).token;
  return { tokens, users };
}

function intakeInput(n: number): { input: ReturnType<typeof validIntake>; sent: SentIntake } {
  const input = validIntake(template.id);
  input.applicant.nik = `350301150685${String(1000 + n).slice(-4)}`;
  input.letter.number = `800/${n}/406.020/2025`;
  // One official email per applicant: BSrE (the simulator too) refuses an email registered twice.
  input.applicant.officialEmail = `pemohon.${n}@trenggalekkab.go.id`;
  input.documents = input.documents.map((d) => {
    const bytes = pdfBytes(`crash-loop intake ${n} ${d.kind}`);
    return { ...d, dataBase64: bytes.toString('base64') };
  });
  const shas = input.documents.map((d) => sha(Buffer.from(d.dataBase64, 'base64')));
  return { input, sent: { letterSha: shas[0] ?? '', shas } };
}

it(`survives ${ROUNDS} SIGKILLs mid-burst without losing or doubling a committed record`, async () => {
  const random = prng(SEED);
  const ledger: Ledger = { intakes: [], acts: [] };
  let checked = 0;
  let kills = 0;

  host = await spawnHost(dataDir, staticDir);
  const admin = ok(await hostCall<{ token: string }>(host, 'setup.initialize', setupInput(template.id)), 'setup');
  const users = {} as Record<StaffRole, UserView>;
  for (const role of Object.keys(NIPS) as StaffRole[])
    users[role] = ok(
      await hostCall<UserView>(
        host,
        'users.create',
        { username: `${role}.satu`, fullName: `Pegawai ${role}`, nip: NIPS[role], role, password: PASSWORD },
        admin.token,
      ),
      `user ${role}`,
    );
  let apps = (await verifyStore(join(dataDir, 'loket-tte.sqlite'), ledger, REGISTRATION_STEP, REQUIRED_KINDS)).apps;

  for (let round = 0; round < ROUNDS; round += 1) {
    const h: HostProcess = host ?? (await spawnHost(dataDir, staticDir));
    host = h;
    const staff = await signIn(h, users);
    const ops: (() => Promise<void>)[] = [];
    for (let i = 0; i < INTAKES_PER_ROUND; i += 1) {
      const { input, sent } = intakeInput(ledger.intakes.length);
      ledger.intakes.push(sent);
      ops.push(async () => {
        const r = await hostCall<{ id: string; referenceNo: string }>(
          h,
          'applications.create',
          input,
          staff.tokens.verifikator,
        );
        if (r.ok) sent.ack = { id: r.value.id, referenceNo: r.value.referenceNo };
      });
    }
    for (const app of apps.filter(
      (a) => a.status === 'inProgress' && a.currentStepNo >= 2 && a.currentStepNo <= REGISTRATION_STEP,
    )) {
      const step = stepOfTemplate(template, app.currentStepNo);
      ops.push(async () => {
        const r = await hostCall(
          h,
          'applications.act',
          { applicationId: app.id, stepNo: step.no, ...stepPayload(step, staff, '') },
          staff.tokens[step.actor],
        );
        if (r.ok) ledger.acts.push({ applicationId: app.id, stepNo: step.no });
      });
    }
    // The kill comes after a random number of answers (0 = after a random few milliseconds).
    const killAfter = Math.floor(random() * ops.length);
    let answers = 0;
    let killing: Promise<void> | null = null;
    const killNow = () => (killing ??= h.kill());
    if (killAfter === 0) setTimeout(killNow, Math.floor(random() * 30));
    const order = ops.map((op) => ({ op, key: random() })).sort((a, b) => a.key - b.key);
    await Promise.allSettled(
      order.map(async ({ op }) => {
        try {
          await op();
        } finally {
          answers += 1;
          if (answers === killAfter) void killNow();
        }
      }),
    );
    await killNow();
    kills += 1;
    host = null;

    host = await spawnHost(dataDir, staticDir);
    const report = await verifyStore(join(dataDir, 'loket-tte.sqlite'), ledger, REGISTRATION_STEP, REQUIRED_KINDS);
    apps = report.apps;
    checked += report.checked;
  }

  const moved = apps.filter((a) => a.currentStepNo > 2).length;
  const acked = ledger.intakes.filter((i) => i.ack).length + ledger.acts.length;
  console.log(
    `crash loop (seed ${SEED}): ${kills} SIGKILLs survived, ${ledger.intakes.length} intakes sent, ${acked} ok answers, ${ledger.acts.length} step moves acknowledged, ${apps.length} applications (${moved} past step 2), ${checked} records checked`,
  );
  expect(kills).toBe(ROUNDS);
  expect(ledger.intakes.filter((i) => i.ack).length).toBeGreaterThan(0);
  expect(ledger.acts.some((a) => a.stepNo === REGISTRATION_STEP)).toBe(true);
}, 150_000);
