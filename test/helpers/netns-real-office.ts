/**
 * A real office on namespace hosts, shared by the office-network proofs (issue 13): the headless
 * server (`npm run server`'s `src/main/server/main.ts`) on 'server', and a real desk client
 * (netns-desk-agent) on each desk host. The Admin pairs the first desk with the code the server
 * printed, sets the office up there (Trenggalek SOP), adds one user per SOP role and pairs the other
 * desks with codes made on the admin desk; the staff sign in at their own desks.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import { PgStore } from '../../src/main/core/store/postgres/pg-store';
import type { Result } from '../../src/shared/contract/result';
import { todayIn } from '../../src/shared/domain/time';
import { applicantNik, type IntakeInput, setupInput, STAFF_PASSWORD, validIntake } from './core-fixture';
import { createOffice, type Office } from './netns';
import { type AgentOnHost, type NodeOnHost, startAgent, startNode } from './netns-node';

export const PORT = 8443;
export const TEMPLATE = 'trenggalek-2024';
export const ADMIN = { username: 'admin.tte', password: 'RahasiaAdmin2025' };
export const DESKS = ['admin', 'kabid', 'kasi', 'verif'] as const;
export type DeskHost = (typeof DESKS)[number];
/** Who signs in at which desk (the Admin's desk keeps the session first-run setup gave). */
const DESK_USERS: Record<Exclude<DeskHost, 'admin'>, string> = {
  kabid: 'kabid.satu',
  kasi: 'kasi.satu',
  verif: 'verifikator.satu',
};
const STAFF = [
  { role: 'kadin', nip: '196812121990031006' },
  { role: 'kabid', nip: '197507172000031005' },
  { role: 'kasi', nip: '197001012000012001' },
  { role: 'verifikator', nip: '199105052019032007' },
] as const;

/** A desk's answer, with when it was sent and answered (ms since the epoch, the same clock as the test). */
export type Answer<T = unknown> = Result<T> & { sentAt: number; answeredAt: number };

export interface RealOffice {
  office: Office;
  /** The real server's data folder (its SQLite file and `tls/`; with `database`, the key and `tls/` only). */
  dataDir: string;
  /** The PostgreSQL database the server keeps the office in (`--database`), when it runs on one. */
  database: string | null;
  /** The running server; replaced by `startServer` when a test restarts it. */
  server: NodeOnHost;
  url: string;
  desks: Record<DeskHost, AgentOnHost>;
  deviceIds: Record<DeskHost, string>;
  verifierId: string;
  call<T = unknown>(desk: DeskHost, channel: string, input: unknown, idempotencyKey?: string): Promise<Answer<T>>;
  /** Signs the desk's user in (again, e.g. after a server restart ended the sessions). */
  signIn(desk: DeskHost): Promise<void>;
  /** Starts `npm run server` on the server host's address and port with this data folder (and database). */
  startServer(dataDir: string, database?: string): Promise<NodeOnHost>;
  /** A valid intake for a new person (one person may hold only one open application). */
  intake(): IntakeInput;
  destroy(): Promise<void>;
}

export function ok<T>(answer: Result<unknown>): T {
  if (!answer.ok) throw new Error(`expected ok, got ${answer.error.code}: ${answer.error.message}`);
  return answer.value as T;
}

export const today = (): string => todayIn('WIB', new Date());

export const fingerprintIn = (output: string): string | undefined => /\(SHA-256\): ([0-9A-F:]+)/.exec(output)?.[1];

/** Rows from a server's office on PostgreSQL, read beside it on a connection of its own. */
export async function readPostgresStore<T>(database: string, sql: string, ...params: unknown[]): Promise<T[]> {
  const db = PgStore.open(database, { max: 1 });
  try {
    return (await db.prepare(sql).all(...params)) as T[];
  } finally {
    await db.close();
  }
}

/** Rows from a server's store, read beside it (WAL: a reader does not disturb the running server). */
export function readStore<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, 'loket-tte.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Chromium's base64 SHA-256 of the server certificate's public key (`acceptSpki`). */
export const serverSpki = (dataDir: string): string =>
  createHash('sha256')
    .update(
      new X509Certificate(readFileSync(join(dataDir, 'tls/server.crt'))).publicKey.export({
        type: 'spki',
        format: 'der',
      }),
    )
    .digest('base64');

/** `database`: the server keeps the office in this PostgreSQL database (`--database`) instead of SQLite. */
export async function startRealOffice(
  extraHosts: string[] = [],
  options: { database?: string } = {},
): Promise<RealOffice> {
  const dataDir = mkdtempSync(join(tmpdir(), 'loket-netns-office-'));
  const office = await createOffice({ hosts: ['server', ...DESKS, ...extraHosts] });
  office.onDestroy(() => rmSync(dataDir, { recursive: true, force: true }));
  const startServer = (dir: string, database?: string) =>
    startNode(
      office,
      'server',
      'src/main/server/main.ts',
      [
        '--bind',
        office.host('server').address,
        '--port',
        String(PORT),
        '--data',
        dir,
        ...(database ? ['--database', database] : []),
      ],
      // The cheaper scrypt cost main.ts honours under NODE_ENV=test only: sign-ins in milliseconds.
      { waitFor: /^Data: /, env: { NODE_ENV: 'test', LOKET_TEST_PASSWORD_COST: '12' } },
    );
  const server = await startServer(dataDir, options.database);
  const url = /berjalan di (https:\/\/\S+)/.exec(server.output())?.[1] ?? '';
  const firstCode = (await server.waitForLine(/Kode pemasangan: (\S+)/, 5_000))[1] ?? '';
  const started = await Promise.all(DESKS.map((desk) => startAgent(office, desk, 'test/helpers/netns-desk-agent.ts')));
  const desks = Object.fromEntries(DESKS.map((desk, i) => [desk, started[i]!])) as Record<DeskHost, AgentOnHost>;
  const call = <T>(desk: DeskHost, channel: string, input: unknown, idempotencyKey?: string) =>
    desks[desk].call<Answer<T>>('call', channel, input, idempotencyKey ? { idempotencyKey } : {});
  const pair = async (desk: DeskHost, code: string) =>
    ok<{ deviceId: string }>(
      await desks[desk].call('pair', { url, code, deviceName: `Meja ${desk}`, requestTimeoutMs: 60_000 }),
    ).deviceId;

  const deviceIds = { admin: await pair('admin', firstCode) } as Record<DeskHost, string>;
  const session = ok<{ token: string }>(
    await desks.admin.call('call', 'setup.initialize', setupInput(TEMPLATE), { anonymous: true }),
  );
  await desks.admin.call('useToken', session.token);
  let verifierId = '';
  for (const s of STAFF) {
    const user = ok<{ id: string }>(
      await call('admin', 'users.create', {
        username: `${s.role}.satu`,
        fullName: `Pegawai ${s.role}`,
        nip: s.nip,
        role: s.role,
        password: STAFF_PASSWORD,
      }),
    );
    if (s.role === 'verifikator') verifierId = user.id;
  }
  for (const desk of ['kabid', 'kasi', 'verif'] as const)
    deviceIds[desk] = await pair(desk, ok<{ code: string }>(await call('admin', 'network.pairingCode', {})).code);

  const signIn = async (desk: DeskHost) => {
    const [username, password] =
      desk === 'admin' ? [ADMIN.username, ADMIN.password] : [DESK_USERS[desk], STAFF_PASSWORD];
    ok(await desks[desk].call<Result<unknown>>('signIn', username, password));
  };
  for (const desk of ['kabid', 'kasi', 'verif'] as const) await signIn(desk);

  let applicants = 0;
  return {
    office,
    dataDir,
    database: options.database ?? null,
    server,
    url,
    desks,
    deviceIds,
    verifierId,
    call,
    signIn,
    startServer,
    intake() {
      const input = validIntake(TEMPLATE);
      applicants += 1;
      input.applicant.nik = applicantNik(applicants);
      input.applicant.officialEmail = `pemohon${applicants}@trenggalekkab.go.id`;
      input.letter.date = today();
      return input;
    },
    destroy: () => office.destroy(),
  };
}
