/** The task worker pool on real threads: results, errors mapped back, a crashed thread replaced, shutdown. */
import { afterEach, describe, expect, it } from 'vitest';

import { Failure } from '../../../src/main/core/failure';
import { PoolClosedError, WorkerCrashError, WorkerPool } from '../../../src/main/core/workers/pool';
import { asBuffer } from '../../../src/main/core/workers/protocol';

const FIXTURE = new URL('../../helpers/task-worker-fixture.ts', import.meta.url).href;
let pool: WorkerPool;

afterEach(async () => {
  await pool.close();
});

describe('the worker pool', () => {
  it('runs the core task table (default entry) and returns the result', async () => {
    pool = new WorkerPool({ size: 1 });
    expect(await pool.run('echo', { a: 1, at: new Date('2025-03-10T00:00:00Z') })).toEqual({
      a: 1,
      at: new Date('2025-03-10T00:00:00Z'),
    });
  });

  it('moves input buffers instead of copying them and returns bytes as a Buffer', async () => {
    pool = new WorkerPool({ size: 1, entry: FIXTURE });
    const input = Buffer.alloc(100_000, 1);
    const buffer = input.buffer;
    expect(await pool.runNamed('size', { bytes: input }, [buffer])).toEqual({ length: 100_000, first: 1 });
    // Transferred: this thread's copy is detached.
    expect(buffer.byteLength).toBe(0);
    const out = asBuffer((await pool.runNamed('bytes', { length: 50_000 })) as Uint8Array);
    expect(Buffer.isBuffer(out)).toBe(true);
    expect(out.length).toBe(50_000);
    expect(out[49_999]).toBe(7);
  });

  it('maps a Failure back with its code, message and fields, and other errors by name', async () => {
    pool = new WorkerPool({ size: 1, entry: FIXTURE });
    const refused = await pool.runNamed('refuse', { message: 'NIK tidak valid' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Failure);
    expect(refused).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'NIK tidak valid',
      fields: { nik: 'NIK salah' },
    });
    const typed = await pool.runNamed('throwType', {}).catch((e: unknown) => e);
    expect(typed).toMatchObject({ name: 'TypeError', message: 'bukan angka' });
    const unknown = await pool.runNamed('no-such-task', {}).catch((e: unknown) => e);
    expect((unknown as Error).message).toMatch(/tidak dikenal: no-such-task/);
    // The thread is still serving after errors.
    expect(await pool.runNamed('slow', { ms: 1, value: 5 })).toBe(5);
  });

  it('fails the task of a crashed thread clearly and replaces the thread', async () => {
    pool = new WorkerPool({ size: 1, entry: FIXTURE });
    const first = await pool.runNamed('threadId', {});
    const queued = pool.runNamed('slow', { ms: 1, value: 42 });
    const crashed = await pool.runNamed('crash', {}).catch((e: unknown) => e);
    // The queued task was ahead of the crash, so it completed on the old thread.
    expect(await queued).toBe(42);
    expect(crashed).toBeInstanceOf(WorkerCrashError);
    expect((crashed as Error).message).toMatch(/Proses latar berhenti saat mengerjakan "crash" \(kode keluar 3\)/);
    const second = await pool.runNamed('threadId', {});
    expect(second).not.toBe(first);
    expect(pool.stats.threads).toBe(1);
  });

  it('runs tasks in parallel up to its size and queues the rest', async () => {
    pool = new WorkerPool({ size: 2, entry: FIXTURE });
    const runs = [1, 2, 3, 4].map((value) => pool.runNamed('slow', { ms: 150, value }));
    await new Promise((r) => setTimeout(r, 50));
    expect(pool.stats).toMatchObject({ busy: 2, queued: 2 });
    expect(await Promise.all(runs)).toEqual([1, 2, 3, 4]);
    expect(pool.stats).toMatchObject({ threads: 2, busy: 0, queued: 0 });
  });

  it('on close fails what is running or queued and refuses new tasks', async () => {
    pool = new WorkerPool({ size: 1, entry: FIXTURE });
    const running = pool.runNamed('slow', { ms: 5_000, value: 1 }).catch((e: unknown) => e);
    const queued = pool.runNamed('slow', { ms: 1, value: 2 }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await pool.close();
    expect(await running).toBeInstanceOf(PoolClosedError);
    expect(await queued).toBeInstanceOf(PoolClosedError);
    expect(await pool.runNamed('slow', { ms: 1, value: 3 }).catch((e: unknown) => e)).toBeInstanceOf(PoolClosedError);
    expect(pool.stats.threads).toBe(0);
  });
});
