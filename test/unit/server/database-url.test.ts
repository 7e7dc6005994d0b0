/**
 * `--database` / LOKET_DATABASE_URL: every form a PostgreSQL connection URL takes at an office is
 * accepted (TCP with a password, a local Unix socket with a user and no host), anything else is
 * refused with the Indonesian message.
 */
import { describe, expect, it } from 'vitest';

import { databaseUrlSchema } from '../../../src/main/server/office-options';

describe('the --database option', () => {
  it.each([
    'postgresql://loket:SANDI@db.kantor:5432/loket',
    'postgres://loket@localhost/loket',
    'postgresql://loket@/loket?host=/run/postgresql',
    'postgresql:///loket?host=/var/run/postgresql&user=loket',
    '  postgresql://loket@10.0.0.5/loket?sslmode=require  ',
  ])('accepts %s', (url) => {
    expect(databaseUrlSchema.safeParse(url).success).toBe(true);
  });

  it.each(['mysql://loket@db/loket', 'db.kantor:5432/loket', 'postgresql://', 'postgresql://a b@x/db', ''])(
    'refuses %j with the Indonesian message',
    (url) => {
      const parsed = databaseUrlSchema.safeParse(url);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toContain('harus alamat PostgreSQL');
    },
  );
});
