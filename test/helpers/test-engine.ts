/**
 * Which engine the integration suite's cores run on: SQLite (always), or PostgreSQL when
 * LOKET_TEST_ENGINE=postgres and LOKET_TEST_DATABASE_URL names a database (the CI wrapper
 * scripts/ci/postgres-for-tests.sh starts one). On PostgreSQL each core gets its own schema, so
 * parallel test files never see each other's rows, and the schema is dropped when the core closes.
 */
import { randomBytes } from 'node:crypto';

import pg from 'pg';

import type { PostgresTarget } from '../../src/main/core/store/postgres/open-postgres';

const URL = process.env.LOKET_TEST_DATABASE_URL;

export const TEST_ENGINE: 'sqlite' | 'postgres' =
  process.env.LOKET_TEST_ENGINE === 'postgres' && URL ? 'postgres' : 'sqlite';

if (process.env.LOKET_TEST_ENGINE === 'postgres' && !URL)
  throw new Error(
    'LOKET_TEST_ENGINE=postgres needs LOKET_TEST_DATABASE_URL (scripts/ci/postgres-for-tests.sh sets it)',
  );

async function onAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestSchema {
  target: PostgresTarget;
  drop(): Promise<void>;
}

/** A new, empty schema in the test database, and the target that opens a core in it. */
export async function freshPostgresSchema(): Promise<TestSchema> {
  if (!URL) throw new Error('LOKET_TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await onAdmin(`CREATE SCHEMA ${schema}`);
  return {
    target: { url: URL, schema },
    drop: () => onAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}
