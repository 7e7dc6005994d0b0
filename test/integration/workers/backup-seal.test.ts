/**
 * A backup made by a task worker thread: the worker copies the store with its own connection, is
 * handed the backup's derived key, never the data key, and the file it writes restores to the same
 * store with the data key.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { restoreBackup, tableCounts } from '../../../src/main/core/backup/restore';
import type { SealJob } from '../../../src/main/core/backup/seal';
import { writeBackupFile } from '../../../src/main/core/backup/write-backup';
import { openSqlite } from '../../../src/main/core/store/sqlite';
import { makeTempCore, readyOffice, type TestCore } from '../../helpers/core-fixture';

let t: TestCore;

beforeEach(async () => {
  t = await makeTempCore();
  await readyOffice(t.core, 'trenggalek-2024');
});
afterEach(async () => await t.close());

const containsKey = (bytes: Uint8Array, key: Buffer) => Buffer.from(bytes).includes(key);

describe('backup sealing in a worker thread', () => {
  it('gets only the derived backup key, and its file restores with the data key', async () => {
    const directory = join(t.dir, 'cadangan');
    mkdirSync(directory);
    const seen: SealJob[] = [];
    let copiedBeforeSeal = -1;
    const written = await writeBackupFile(t.core.db, t.key, {
      directory,
      now: t.clock.now(),
      timeZone: 'Asia/Jakarta',
      seal: (job) => {
        seen.push(job);
        // The main thread made no copy: the worker's own connection copies the store file.
        copiedBeforeSeal = statSync(job.plainPath).size;
        return t.core.services.workers.run('backup.seal', job);
      },
    });
    expect(seen).toHaveLength(1);
    const job = seen[0] as SealJob;
    expect(job.sourcePath).toBe(t.core.db.name);
    expect(copiedBeforeSeal).toBe(0);
    for (const value of [job.key, job.keyCheck, job.salt, job.nonce]) expect(containsKey(value, t.key)).toBe(false);
    expect(JSON.stringify(job)).not.toContain(t.key.toString('hex'));
    expect(written.bytes).toBeGreaterThan(0);

    const restored = join(t.dir, 'pulih.sqlite');
    await restoreBackup(written.path, restored, t.key);
    const copy = openSqlite(restored, { readonly: true });
    try {
      expect(tableCounts(copy)).toEqual(tableCounts(t.core.db.sqlite!));
    } finally {
      copy.close();
    }
  });
});
