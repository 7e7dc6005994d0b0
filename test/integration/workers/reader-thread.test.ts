/**
 * Cards and letters are read in the reader thread, and background threads yield to the core's
 * loop: the KTP of a committed synthetic card is read there with its NIK, a letter scan too, and on
 * Linux the task threads run at nice 10 and the reader at nice 5 while the main thread keeps its own.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BACKGROUND_NICE, WAITED_ON_NICE } from '../../../src/main/core/workers/background-priority';
import { WorkerPool } from '../../../src/main/core/workers/pool';
import { ReaderThread } from '../../../src/main/core/workers/reader-thread';

const FIXTURES = new URL('../../fixtures/ktp/', import.meta.url);
const truth = JSON.parse(readFileSync(new URL('ground-truth.json', FIXTURES), 'utf8')) as {
  cards: { file: string; variant: string; nikFont: string; person: { fields: { nik: string } } }[];
};
const card = truth.cards.find((c) => c.variant === 'clean' && c.nikFont !== 'ocra') ?? truth.cards[0];

let dir: string;
let reader: ReaderThread;
let tasks: WorkerPool;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'loket-reader-'));
  reader = new ReaderThread({ tessdataDir: join(dir, 'tessdata') });
  tasks = new WorkerPool({ size: 1 });
});
afterAll(async () => {
  await reader.close();
  await tasks.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the reader thread', () => {
  it('reads a KTP card off the main thread, the caller keeping its image', async () => {
    if (!card) throw new Error('no fixture card');
    const image = readFileSync(new URL(card.file, FIXTURES));
    const before = Buffer.from(image);
    const result = await reader.readKtp(image);
    expect(result.fields.nik.value).toBe(card.person.fields.nik);
    expect(image.equals(before)).toBe(true);
    const thread = await reader.thread();
    expect(thread.threadId).not.toBe(threadId);
  });

  it('reads a scanned letter there too, and answers a file it cannot decode plainly', async () => {
    const unreadable = await reader.readLetter(Buffer.from('bukan gambar'), 'image/png');
    expect(unreadable.source).toBe('none');
    expect(unreadable.note).toMatch(/tidak terbaca/);
  });
});

describe.runIf(process.platform === 'linux')('thread priorities on Linux', () => {
  it('runs file tasks at the background nice, the reader a little below normal, the main thread untouched', async () => {
    const mainBefore = getPriority(0);
    expect(await tasks.run('diagnostics.thread', undefined as never)).toMatchObject({ nice: BACKGROUND_NICE });
    expect((await reader.thread()).nice).toBe(WAITED_ON_NICE);
    expect(getPriority(0)).toBe(mainBefore);
    expect(mainBefore).toBeLessThan(WAITED_ON_NICE);
  });
});
