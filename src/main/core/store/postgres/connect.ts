/**
 * A PostgreSQL connection from a URL (LOKET_DATABASE_URL by default), e.g.
 * `postgresql://loket@localhost:5432/loket` or, over a local socket, `postgresql://loket@/loket?host=/run/postgresql`.
 */
import pg from 'pg';

export async function connectPostgres(url: string | undefined = process.env.LOKET_DATABASE_URL): Promise<pg.Client> {
  if (!url) throw new Error('LOKET_DATABASE_URL is not set: it names the PostgreSQL database');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}
