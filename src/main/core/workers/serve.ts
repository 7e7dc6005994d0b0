/**
 * The message loop of a task worker thread: runs one named task at a time (the pool never sends a
 * second before the first answered), sends the result back with its buffers moved rather than
 * copied, and a thrown error as a CrossedError. The thread runs below the main thread's priority
 * (background-priority.ts). The SQLite add-on the host chose (Electron ABI
 * build) is used for every connection the tasks open.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { useSqliteBinding } from '../store/sqlite';
import { BACKGROUND_NICE, lowerThreadPriority } from './background-priority';
import { crossError, type TaskRequest, type TaskResponse, transferablesOf } from './protocol';

export type TaskTable = Record<string, (input: never) => unknown>;

export interface WorkerSettings {
  sqliteBinding?: string;
}

/** `nice`: the thread's priority (background-priority.ts); files and imports run at the background one. */
export function serveTasks(tasks: TaskTable, nice = BACKGROUND_NICE): void {
  const port = parentPort;
  if (port === null) throw new Error('task worker must run in a worker thread');
  const settings = (workerData ?? {}) as WorkerSettings;
  if (settings.sqliteBinding) useSqliteBinding(settings.sqliteBinding);
  lowerThreadPriority(nice);
  port.on('message', (req: TaskRequest) => {
    const task = tasks[req.task];
    Promise.resolve()
      .then(() => {
        if (!task) throw new Error(`Tugas latar tidak dikenal: ${req.task}`);
        return task(req.input as never);
      })
      .then(
        (value) => {
          const response: TaskResponse = { id: req.id, ok: true, value };
          port.postMessage(response, transferablesOf(value));
        },
        (error: unknown) =>
          port.postMessage({ id: req.id, ok: false, error: crossError(error) } satisfies TaskResponse),
      );
  });
}
