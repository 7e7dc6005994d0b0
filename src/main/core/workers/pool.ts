/**
 * A small fixed pool of worker threads for the core's heavy work (PDF/XLSX files, reading and
 * checking imported spreadsheets, backup compression and encryption, the privacy export), so one
 * desk's year report or backup never stalls another desk's queue. Tasks go by name (tasks.ts) into
 * one queue; each thread runs one task at a time. A thread that dies fails its task with a clear
 * error and is replaced; closing the pool (core shutdown) fails what is queued and stops them all.
 * Threads start on first use.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';

import { rebuildError, type TaskRequest, type TaskResponse } from './protocol';
import type { TaskTable, WorkerSettings } from './serve';
import { spawnTaskWorker, type WorkerKind } from './spawn';
import type { TASKS } from './tasks';

export interface WorkerPoolOptions extends WorkerSettings {
  /** Threads; default min(2, cpus − 1), at least 1. */
  size?: number;
  /** Another worker entry (a TypeScript module URL); tests use it for tasks that crash. */
  entry?: string;
  /** Which worker the threads run (default: the file and import tasks). */
  kind?: WorkerKind;
}

/** A Buffer comes back as a Uint8Array (asBuffer turns it back without a copy). */
export type TaskOutputOf<F> = F extends (input: never) => infer R
  ? Awaited<R> extends Buffer
    ? Uint8Array
    : Awaited<R>
  : never;
export type TaskInputOf<F> = F extends (input: infer I) => unknown ? I : never;

interface Job {
  id: number;
  task: string;
  input: unknown;
  transfer: ArrayBuffer[];
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

export class WorkerCrashError extends Error {
  constructor(task: string, detail: string) {
    super(`Proses latar berhenti saat mengerjakan "${task}" (${detail}); tugas ini gagal, prosesnya sudah diganti.`);
    this.name = 'WorkerCrashError';
  }
}

export class PoolClosedError extends Error {
  constructor() {
    super('Aplikasi sedang ditutup; tugas latar tidak dijalankan.');
    this.name = 'PoolClosedError';
  }
}

export const defaultPoolSize = (): number => Math.max(1, Math.min(2, availableParallelism() - 1));

export class WorkerPool<T extends TaskTable = typeof TASKS> {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? defaultPoolSize());
  }

  /** Runs a task on a free thread (queued while all are busy). `transfer`: input buffers to move, not copy. */
  run<K extends keyof T & string>(
    task: K,
    input: TaskInputOf<T[K]>,
    transfer: ArrayBuffer[] = [],
  ): Promise<TaskOutputOf<T[K]>> {
    return this.runNamed(task, input, transfer) as Promise<TaskOutputOf<T[K]>>;
  }

  /** Untyped form, for workers with other task tables (tests). */
  runNamed(task: string, input: unknown, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.closed) return Promise.reject(new PoolClosedError());
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, input, transfer, resolve, reject });
      this.pump();
    });
  }

  /** Threads started so far and tasks waiting, for diagnostics and tests. */
  get stats(): { threads: number; busy: number; queued: number } {
    return { threads: this.slots.length, busy: this.slots.filter((s) => s.job).length, queued: this.queue.length };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new PoolClosedError());
    const slots = this.slots.splice(0);
    for (const slot of slots) slot.job?.reject(new PoolClosedError());
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      // A busy thread keeps the process alive (ref); an idle one must not keep a CLI or test running.
      const slot = this.slots.find((s) => s.job === null) ?? this.grow();
      if (!slot) return;
      const job = this.queue.shift() as Job;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, task: job.task, input: job.input } satisfies TaskRequest, job.transfer);
    }
  }

  private grow(): Slot | null {
    if (this.slots.length >= this.size) return null;
    const slot: Slot = {
      worker: spawnTaskWorker({ sqliteBinding: this.options.sqliteBinding }, this.options.entry, this.options.kind),
      job: null,
    };
    slot.worker.on('message', (res: TaskResponse) => {
      const job = slot.job;
      if (!job || job.id !== res.id) return;
      slot.job = null;
      slot.worker.unref();
      if (res.ok) job.resolve(res.value);
      else job.reject(rebuildError(res.error));
      this.pump();
    });
    slot.worker.on('error', (error) => this.lost(slot, error.message));
    slot.worker.on('exit', (code) => this.lost(slot, `kode keluar ${code}`));
    this.slots.push(slot);
    return slot;
  }

  /** A thread died: its task fails, the slot is dropped, and the queue gets a fresh thread. */
  private lost(slot: Slot, detail: string): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    this.slots.splice(at, 1);
    void slot.worker.terminate();
    const job = slot.job;
    slot.job = null;
    job?.reject(new WorkerCrashError(job.task, detail));
    if (!this.closed) this.pump();
  }
}
