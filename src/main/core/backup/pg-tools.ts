/**
 * PostgreSQL's own tools for an office on PostgreSQL: `pg_dump` makes the backup's plaintext (the
 * custom format, a consistent snapshot while desks keep writing), `pg_restore --list` checks it,
 * `pg_restore` puts it back. Found on PATH or in Debian's /usr/lib/postgresql/<version>/bin (the
 * newest: a newer pg_dump reads an older server, never the reverse). The connection travels in
 * libpq's PG* environment variables, never on the command line where `ps` would show the password. Run as child processes: the
 * core's event loop only waits for them.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { parse } from 'pg-connection-string';

import { fail } from '../failure';
import type { PostgresTarget } from '../store/postgres/pg-store';

const run = promisify(execFile);

export type PgTool = 'pg_dump' | 'pg_restore';

/** The tool's path, or null when PostgreSQL's client programs are not installed here. */
export function findPgTool(tool: PgTool): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, tool))) return join(dir, tool);
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions)
    if (existsSync(join(root, version, 'bin', tool))) return join(root, version, 'bin', tool);
  return null;
}

function toolOrFail(tool: PgTool): string {
  return (
    findPgTool(tool) ??
    fail(
      'BACKUP_TOOL_MISSING',
      `Program ${tool} tidak ditemukan di server ini. Pasang klien PostgreSQL (Debian/Ubuntu: apt install postgresql-client) lalu coba lagi.`,
    )
  );
}

/** The target as libpq's environment (host or socket folder, port, user, password, database, sslmode). */
function connectionEnv(target: PostgresTarget): NodeJS.ProcessEnv {
  const c = parse(target.url);
  const set = (name: string, value: unknown) => (typeof value === 'string' && value !== '' ? { [name]: value } : {});
  return {
    ...process.env,
    ...set('PGHOST', c.host),
    ...set('PGPORT', c.port),
    ...set('PGUSER', c.user),
    ...set('PGPASSWORD', c.password),
    ...set('PGDATABASE', c.database),
    ...set('PGSSLMODE', c.sslmode),
  };
}

const schemaArgs = (target: PostgresTarget): string[] => (target.schema ? [`--schema=${target.schema}`] : []);

/** A one-line reason from a tool's stderr, without anything that looks like a password. */
function reason(error: unknown): string {
  const stderr = String((error as { stderr?: unknown }).stderr ?? (error as Error).message ?? '');
  return (
    stderr
      .replace(/password=\S+/gi, 'password=***')
      .trim()
      .split('\n')[0] ?? ''
  );
}

/** `pg_dump --format=custom` of the office's schema into `file` (created 0600 by the caller). */
export async function dumpDatabase(target: PostgresTarget, file: string): Promise<void> {
  const tool = toolOrFail('pg_dump');
  try {
    await run(tool, ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, ...schemaArgs(target)], {
      env: connectionEnv(target),
      maxBuffer: 1 << 20,
    });
  } catch (error) {
    fail('BACKUP_DUMP_FAILED', `pg_dump gagal: ${reason(error)}`);
  }
}

/** Whether `file` is a whole pg_dump archive (its table of contents reads to the end). */
export async function dumpIsReadable(file: string): Promise<boolean> {
  const tool = toolOrFail('pg_restore');
  try {
    const { stdout } = await run(tool, ['--list', file], { maxBuffer: 64 << 20 });
    return /TABLE DATA/.test(stdout);
  } catch {
    return false;
  }
}

/** `pg_restore` of `file` into the target, in one transaction (all of it, or nothing). */
export async function restoreDump(target: PostgresTarget, file: string): Promise<void> {
  const tool = toolOrFail('pg_restore');
  const env = connectionEnv(target);
  try {
    // --dbname names the database libpq's environment connects to (pg_restore needs it to write).
    await run(
      tool,
      [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--single-transaction',
        `--dbname=${env.PGDATABASE ?? ''}`,
        file,
      ],
      { env, maxBuffer: 1 << 20 },
    );
  } catch (error) {
    fail('BACKUP_RESTORE_FAILED', `pg_restore gagal: ${reason(error)}`);
  }
}
