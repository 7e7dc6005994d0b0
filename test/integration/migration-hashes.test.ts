/**
 * Released migrations are frozen: databases already migrated by them exist, so editing one would leave
 * those databases and fresh ones with different schemas. The sha256 of each released migration's
 * `sqlite` text and of its `postgres` text is listed here; the test fails when a text changes, when a
 * migration is not listed yet, and when the files in store/migrations/ and their version numbers drift
 * apart.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { MIGRATIONS } from '../../src/main/core/store/migrations';

const MIGRATION_DIR = resolve(import.meta.dirname, '../../src/main/core/store/migrations');

/** Add a row here once a migration is released (in the same change that releases it), never edit one. */
const RELEASED: readonly { version: number; name: string; sha256: string; postgresSha256: string }[] = [
  {
    version: 1,
    name: 'office, users and the audit log',
    sha256: 'f7105f86e210c7ff10d55a606e558cce47d97ad1bd8f85ef9fe9c19bbb9a87fe',
    postgresSha256: '969b26ae46e2bf05a624c42521ec60a5ef8670d99c7afaa15adcac33cc0b0f17',
  },
  {
    version: 2,
    name: 'applications, documents, step events and the recap of TTE users',
    sha256: '37f7fc7c4744de6b0ecade66414081b06bf9542612bb6493dded7d386523de90',
    postgresSha256: 'c0aa0d1c4bb94bd97935306278361d1d56a74c196ded0195d889aa0f50eadcde',
  },
  {
    version: 3,
    name: 'BSrE: settings, outbox, raw responses, status on applications and holders, system actor',
    sha256: 'b9ac70d8aa6a455eb5834ee01d6e709fdd730fa85d5cf041313483b505b5624c',
    postgresSha256: 'e15949306bbce8d0f7bd04ba0aa9b1406c3172ab50b45a2da22e86e5ca07d4e1',
  },
  {
    version: 4,
    name: 'identity desk: consent, KTP OCR, face match and the verifier decision per application',
    sha256: '14d3af21838c1e95a65b25d9238f4ede5f29fe21fa957411d01903eef573433d',
    postgresSha256: 'bd6fdb649ecaebec2efe223aad5b235d0ba6aa07f22c3e90250d72d6794e969f',
  },
  {
    version: 5,
    name: 'office records: queue reassignments, imported recap, report indexes, messages',
    sha256: 'cd7c9d96cef595ae4e59bdf8878ec09b7a5ac54bf7673830c2e3357cb5a79147',
    postgresSha256: 'bd53d4913cd611f0c7f073d8f1b620e8253fc1b5f30ea05e6a3c5f69e1ade0b5',
  },
  {
    version: 6,
    name: 'security: audit log hash chain, persistent login lockout counters',
    sha256: '2a64e73e3a87077729f34530a85d4ab5a8577422fbaee5b3fa5fd2cad4b5167c',
    postgresSha256: '1e97eff43db30b6f0191f10faafd2c769c4d7dde9fce82864205118a02872a96',
  },
  {
    version: 7,
    name: 'personal-data lifecycle: retention and purge log, encrypted backups',
    sha256: '952aa91c0846b1f93f57908c9ffb2d59af4abc0513f40ed29f00f086b8049d5f',
    postgresSha256: '0de13d66df7f37adfc1d457044ec268557acfc9c96c73400abd78f045ee9ad88',
  },
  {
    version: 8,
    name: 'BSrE juknis: opt-in registration fields, KYC refusals',
    sha256: '29c18d1b53dee33ca05f25452f283b1b7b78edc6c674cedc39d19e49feed777c',
    postgresSha256: '29c18d1b53dee33ca05f25452f283b1b7b78edc6c674cedc39d19e49feed777c',
  },
  {
    version: 9,
    name: 'resilience: store facts (key check, clock) and idempotency keys',
    sha256: 'cfb6145c84c11d3eb7d7da7b61435ec1c64228c2ed24be03696c1f14e60d78f0',
    postgresSha256: 'e2a8132edb5b82b2cc3fec35d3dc8d7d78c2519c7a6ce4106b671da7458a6041',
  },
  {
    version: 10,
    name: 'intake: staff directory, BSrE name, collective letters, KTP reading, drafts, agenda numbers',
    sha256: '88d407c1c04179705b4f94d4d3527bac9f5695abe083883917ff1c4c4cac78e0',
    postgresSha256: 'ea1127b9990537d3ec328ae2ff1047e07cf87487834d80bf510029a1c282482e',
  },
  {
    version: 11,
    name: 'office network: paired devices, pairing codes, browser sign-in setting',
    sha256: '0201fb31610638b40f4ab5ee7ef72ded1d0384efa070cc4b37a7c2bf604f2872',
    postgresSha256: '0201fb31610638b40f4ab5ee7ef72ded1d0384efa070cc4b37a7c2bf604f2872',
  },
  {
    version: 12,
    name: 'PostgreSQL row order: a rowid identity column where queries order by rowid',
    sha256: 'f849bfdb71bfeebaf1ab7ce760ed1e300c686d77b1b71ce2d9f1cb19bf6978a0',
    postgresSha256: '24aeb7a16a72b9d3f903154b136e1c96588e4f7adc0c6975784778c9e3081b40',
  },
  {
    version: 13,
    name: 'PostgreSQL name search: a stored tsvector column under the GIN index',
    sha256: '86bd15c98c09f4d090ce304b50b054b3c5a87d716abc7533de0b837d78751ab6',
    postgresSha256: '9b66ac1e55bb3235c7d1222ca6077b3eb69541f8702bfaf4a82004d22a8b1ec7',
  },
  {
    version: 14,
    name: 'PostgreSQL text columns compare byte by byte (COLLATE "C"), as SQLite does',
    sha256: 'efc8fd10e7e31544ea1675148770100e23fd9f061d712056f817f7f80af6bc93',
    postgresSha256: '7fe2363e17a46ddcf7d9f512e10a35e7bcd30153b69578ee318e48e15eb7e5bf',
  },
];

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('released migrations', () => {
  it('keep the exact SQLite text they were released with', () => {
    const edited: string[] = [];
    for (const released of RELEASED) {
      const migration = MIGRATIONS.find((m) => m.version === released.version);
      if (!migration) {
        edited.push(`migration ${released.version} (${released.name}) was released but is gone from the list`);
        continue;
      }
      const actual = sha256(migration.sqlite);
      if (actual !== released.sha256 || migration.name !== released.name)
        edited.push(
          `migration ${released.version} was edited after release: add a new migration instead` +
            ` (expected sha256 ${released.sha256} and name '${released.name}', found ${actual} and '${migration.name}')`,
        );
    }
    expect(edited, edited.join('\n')).toEqual([]);
  });

  it('keep the exact PostgreSQL text they were released with', () => {
    const edited: string[] = [];
    for (const released of RELEASED) {
      const migration = MIGRATIONS.find((m) => m.version === released.version);
      if (!migration) continue; // reported by the SQLite check above
      if (migration.postgres === undefined) {
        edited.push(`migration ${released.version} (${released.name}) lost its PostgreSQL form`);
        continue;
      }
      const actual = sha256(migration.postgres);
      if (actual !== released.postgresSha256)
        edited.push(
          `the PostgreSQL form of migration ${released.version} was edited after release: add a new migration instead` +
            ` (expected sha256 ${released.postgresSha256}, found ${actual})`,
        );
    }
    expect(edited, edited.join('\n')).toEqual([]);
  });

  it('are all listed in the frozen table', () => {
    const unlisted = MIGRATIONS.filter((m) => !RELEASED.some((r) => r.version === m.version)).map(
      (m) =>
        `migration ${m.version} (${m.name}) has no frozen hash: once it is released, add ` +
        `{ version: ${m.version}, name: '${m.name}', sha256: '${sha256(m.sqlite)}', ` +
        `postgresSha256: '${sha256(m.postgres ?? '')}' } to RELEASED in this test`,
    );
    expect(unlisted, unlisted.join('\n')).toEqual([]);
  });

  it('are numbered 1..N without gaps, one NNNN-name.ts file per version', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const files = readdirSync(MIGRATION_DIR)
      .filter((name) => name !== 'index.ts' && name !== 'migration.ts')
      .sort();
    for (const name of files)
      expect(name, `unexpected file in ${MIGRATION_DIR}`).toMatch(/^\d{4}-[a-z0-9]+(-[a-z0-9]+)*\.ts$/);
    expect(files.map((name) => Number(name.slice(0, 4)))).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('each file exports the migration of its own number', async () => {
    for (const name of readdirSync(MIGRATION_DIR).filter((n) => /^\d{4}-/.test(n))) {
      const { migration } = (await import(join(MIGRATION_DIR, name))) as { migration: (typeof MIGRATIONS)[number] };
      expect(migration.version, name).toBe(Number(name.slice(0, 4)));
      expect(MIGRATIONS[migration.version - 1], `${name} is not the entry at its place in index.ts`).toBe(migration);
    }
  });
});
