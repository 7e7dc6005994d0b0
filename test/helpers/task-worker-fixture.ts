/**
 * A task worker for the pool's tests: the core's own message loop (serve.ts) with tasks that fail,
 * crash the thread or take a while, which the core's task table must not offer.
 */
import { fail } from '../../src/main/core/failure';
import { serveTasks } from '../../src/main/core/workers/serve';
import { TASKS } from '../../src/main/core/workers/tasks';

serveTasks({
  ...TASKS,
  refuse: (input: { message: string }) => fail('VALIDATION_FAILED', input.message, { nik: 'NIK salah' }),
  throwType: () => {
    throw new TypeError('bukan angka');
  },
  crash: () => process.exit(3),
  slow: async (input: { ms: number; value: number }) => {
    await new Promise((resolve) => setTimeout(resolve, input.ms));
    return input.value;
  },
  size: (input: { bytes: Uint8Array }) => ({ length: input.bytes.byteLength, first: input.bytes[0] }),
  bytes: (input: { length: number }) => Buffer.alloc(input.length, 7),
  threadId: async () => (await import('node:worker_threads')).threadId,
});
