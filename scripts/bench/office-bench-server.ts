/**
 * The server side of `npm run bench -- office`: a real core (temp data folder, real SQLite, the BSrE
 * simulator in Mode Latihan as a fresh office has it) behind `startOfficeServer` on 127.0.0.1, set up
 * the way an Admin would at the server PC (office, staff, one pairing code per desk), optionally
 * filled with a volume of past applications and holders so the year report and the backup have work.
 * It watches its own event loop (loop-lag.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Core, createCore } from '../../src/main/core/app';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import { type OfficeServer, startOfficeServer } from '../../src/main/server/office-server';
import type { ChannelName } from '../../src/shared/contract/channel-names';
import type { ChannelInput, ChannelResult } from '../../src/shared/contract/channels';
import type { Result } from '../../src/shared/contract/result';
import { seedVolume } from '../../test/helpers/volume-seed';
import { type LagFigures, watchLoopLag } from './loop-lag';

export const BENCH_TEMPLATE = 'trenggalek-2024';
export const BENCH_PASSWORD = 'SandiStaf2025x';
const ADMIN_PASSWORD = 'RahasiaAdmin2025';

/** Who signs in at the desks; two verifiers: one at the intake counter, one at the identity desk. */
export const BENCH_USERS = {
  admin: { username: 'admin.tte', nip: '198503152010011002', role: 'admin' },
  kadin: { username: 'kadin.satu', nip: '196812121990031006', role: 'kadin' },
  kabid: { username: 'kabid.satu', nip: '197507172000031005', role: 'kabid' },
  kasi: { username: 'kasi.satu', nip: '197001012000012001', role: 'kasi' },
  loket: { username: 'verifikator.loket', nip: '199105052019032007', role: 'verifikator' },
  identitas: { username: 'verifikator.identitas', nip: '199208082019031004', role: 'verifikator' },
} as const;
export type BenchUser = keyof typeof BENCH_USERS;

export interface BenchServerInfo {
  url: string;
  fingerprint: string;
  pairingCodes: string[];
  passwords: Record<BenchUser, string>;
  /** Ids of the users, for assignments made from the desks. */
  userIds: Record<BenchUser, string>;
  seeded: { applications: number; holders: number };
}

export interface BenchServer extends BenchServerInfo {
  /** Starts a fresh event-loop histogram (a new phase). */
  resetLag(): void;
  readLag(): LagFigures;
  /** What the core logged as unexpected errors. */
  loggedErrors: string[];
  close(): Promise<void>;
}

/** scrypt N=2^14 instead of production's 2^17: sign-ins are not what this bench measures. */
const BENCH_PASSWORD_COST = { N: 2 ** 14, r: 8, p: 1 };

async function must<C extends ChannelName>(
  core: Core,
  channel: C,
  input: ChannelInput<C>,
  token: string | null,
): Promise<ChannelResult<C>> {
  const result = (await core.dispatch(channel, input, { token })) as Result<ChannelResult<C>>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

export async function startBenchServer(options: { desks: number; rows: number }): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'loket-office-bench-'));
  const key = randomBytes(32);
  const loggedErrors: string[] = [];
  const core = await createCore({
    dbPath: join(dir, 'loket-tte.sqlite'),
    keyProvider: new StaticKeyProvider(key),
    logger: { info: () => {}, error: (message: string) => void loggedErrors.push(message) },
    passwordCost: BENCH_PASSWORD_COST,
  });
  const admin = await must(
    core,
    'setup.initialize',
    {
      office: {
        name: 'Dinas Komunikasi dan Informatika',
        regency: 'Kabupaten Trenggalek',
        address: 'Jl. Panglima Sudirman No. 1',
        timeZone: 'WIB',
        letterhead: 'PEMERINTAH DAERAH\nDINAS KOMUNIKASI DAN INFORMATIKA',
        sopTemplateId: BENCH_TEMPLATE,
        idleLockMinutes: 120,
      },
      admin: {
        username: BENCH_USERS.admin.username,
        fullName: 'Admin TTE',
        nip: BENCH_USERS.admin.nip,
        password: ADMIN_PASSWORD,
      },
    },
    null,
  );
  const userIds = { admin: admin.user.id } as Record<BenchUser, string>;
  for (const [name, user] of Object.entries(BENCH_USERS) as [BenchUser, (typeof BENCH_USERS)[BenchUser]][]) {
    if (user.role === 'admin') continue;
    const created = await must(
      core,
      'users.create',
      {
        username: user.username,
        fullName: `Pegawai ${name}`,
        nip: user.nip,
        role: user.role,
        password: BENCH_PASSWORD,
      },
      admin.token,
    );
    userIds[name] = created.id;
  }
  const seeded = { applications: 0, holders: 0 };
  if (options.rows > 0) {
    const summary = await seedVolume(core.db, key, {
      applications: options.rows,
      holders: options.rows,
      now: new Date(),
      templateId: BENCH_TEMPLATE,
      creatorId: userIds.loket,
      // Past work of the intake counter's verifier only: the identity desk's own application stays its own.
      verifierIds: [userIds.loket],
      actorIds: { kadin: userIds.kadin, kabid: userIds.kabid, kasi: userIds.kasi },
    });
    seeded.applications = summary.applications;
    seeded.holders = summary.holders;
  }
  await core.start();
  let server: OfficeServer | undefined;
  // Codes are made once the PC serves the office, as the Admin does at the server.
  const pairingCodes: string[] = [];
  try {
    server = await startOfficeServer({ core, dataDir: dir, bind: '127.0.0.1', port: 0 });
    for (let i = 0; i < options.desks; i++)
      pairingCodes.push((await must(core, 'network.pairingCode', {}, admin.token)).code);
    await must(core, 'auth.logout', {}, admin.token);
  } catch (error) {
    await server?.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const lag = watchLoopLag();
  return {
    url: server.url,
    fingerprint: server.fingerprint,
    pairingCodes,
    passwords: {
      admin: ADMIN_PASSWORD,
      kadin: BENCH_PASSWORD,
      kabid: BENCH_PASSWORD,
      kasi: BENCH_PASSWORD,
      loket: BENCH_PASSWORD,
      identitas: BENCH_PASSWORD,
    },
    userIds,
    seeded,
    loggedErrors,
    resetLag: () => lag.reset(),
    readLag: () => lag.read(),
    async close() {
      lag.stop();
      await server.close();
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
