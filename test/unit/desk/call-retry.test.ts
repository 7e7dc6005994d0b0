// The renderer's retry rule (src/renderer/call-retry.ts) on a transport that drops answers: an
// action is sent again with the same request until answered, with capped backoff, and reports
// reachability after each try; a read gives up after three tries; other refusals are not retried.
import { describe, expect, it } from 'vitest';

import { sendUntilAnswered } from '../../../src/renderer/call-retry';
import type { Result } from '../../../src/shared/contract/result';
import { backoffDelayMs, isReadChannel } from '../../../src/shared/contract/retry';

const unreachable: Result<never> = { ok: false, error: { code: 'SERVER_UNREACHABLE', message: 'x' } };
const lost: Result<never> = { ok: false, error: { code: 'NETWORK_ERROR', message: 'x' } };

/** A transport that sees the idempotency key of every send and fails the first `failures` times. */
function flakyTransport(failures: Result<never>[], key: string) {
  const keys: string[] = [];
  return {
    keys,
    send: async (): Promise<Result<{ id: string }>> => {
      keys.push(key);
      return failures.shift() ?? { ok: true, value: { id: 'app-1' } };
    },
  };
}

function recorder() {
  const sleeps: number[] = [];
  const reports: boolean[] = [];
  return {
    sleeps,
    reports,
    deps: { sleep: async (ms: number) => void sleeps.push(ms), report: (r: boolean) => void reports.push(r) },
  };
}

describe('sendUntilAnswered', () => {
  it('keeps sending an action with the same key until the server answers, backing off to a cap', async () => {
    const transport = flakyTransport(
      Array.from({ length: 7 }, (_, i) => (i % 2 ? lost : unreachable)),
      'key-1',
    );
    const { sleeps, reports, deps } = recorder();
    const result = await sendUntilAnswered('applications.act', transport.send, deps);
    expect(result).toEqual({ ok: true, value: { id: 'app-1' } });
    expect(transport.keys).toEqual(Array(8).fill('key-1'));
    expect(sleeps).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
    expect(reports).toEqual([false, false, false, false, false, false, false, true]);
  });

  it('gives a read up after three tries and returns the last refusal', async () => {
    const transport = flakyTransport(Array(10).fill(unreachable), 'key-2');
    const { sleeps, deps } = recorder();
    expect(await sendUntilAnswered('queue.list', transport.send, deps)).toEqual(unreachable);
    expect(transport.keys).toHaveLength(3);
    expect(sleeps).toEqual([1_000, 2_000]);
  });

  it('does not retry an answer, even a refusal', async () => {
    const refused: Result<never> = { ok: false, error: { code: 'STEP_MISMATCH', message: 'x' } };
    const transport = flakyTransport([refused], 'key-3');
    const { sleeps, reports, deps } = recorder();
    expect(await sendUntilAnswered('applications.act', transport.send, deps)).toEqual(refused);
    expect(transport.keys).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(reports).toEqual([true]);
  });
});

describe('retry rules', () => {
  it('backs off 1 s, 2 s, 4 s … capped', () => {
    expect([1, 2, 3, 4, 5, 50].map((a) => backoffDelayMs(a))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });

  it('tells reads from actions', () => {
    for (const read of ['queue.list', 'applications.get', 'auth.me', 'setup.status', 'holders.importProgress'])
      expect(isReadChannel(read), read).toBe(true);
    for (const action of ['applications.act', 'applications.create', 'auth.login', 'privacy.export', 'backup.run'])
      expect(isReadChannel(action), action).toBe(false);
  });
});
