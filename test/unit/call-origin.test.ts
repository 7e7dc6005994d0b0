/**
 * The audit's origin scope: a desk's call credits its own audit entries to the desk and IP, and
 * background work the call only started (a timer that fires after the answer) is not credited.
 */
import { describe, expect, it } from 'vitest';

import { bindingOf, networkOriginNow, outsideAnyCall, runWithOrigin } from '../../src/main/core/call-origin';

const desk = { kind: 'desk' as const, device: 'dev-1', ip: '10.0.0.5' };

describe('runWithOrigin', () => {
  it('names the desk inside the call, across awaits, and nobody outside it', async () => {
    expect(networkOriginNow()).toBeNull();
    const seen = await runWithOrigin(desk, async () => {
      await new Promise((r) => setTimeout(r, 1));
      return networkOriginNow();
    });
    expect(seen).toEqual({ kind: 'desk', device: 'dev-1', ip: '10.0.0.5' });
    expect(networkOriginNow()).toBeNull();
  });

  it('does not credit work that runs after the call answered', async () => {
    let later: unknown = 'not run';
    let fired: () => void = () => {};
    const done = new Promise<void>((r) => (fired = r));
    await runWithOrigin(desk, () => {
      setTimeout(() => {
        later = networkOriginNow();
        fired();
      }, 5);
    });
    await done;
    expect(later).toBeNull();
  });

  it('does not credit work the call wakes outside its scope, even while the call is still answering', async () => {
    let woken: unknown = 'not run';
    const inside = await runWithOrigin(desk, async () => {
      const wake = outsideAnyCall(async () => {
        await Promise.resolve(); // the background pass's first await, as BSrE answers fast
        woken = networkOriginNow();
      });
      await wake; // the call has not answered yet: its own scope is still open here
      return networkOriginNow();
    });
    expect(woken).toBeNull();
    expect(inside).toEqual({ kind: 'desk', device: 'dev-1', ip: '10.0.0.5' });
  });

  it('leaves the desktop window and the loopback web host out of the origin, and binds them as one PC', async () => {
    expect(await runWithOrigin({ kind: 'ipc', device: 'ipc', ip: 'local' }, () => networkOriginNow())).toBeNull();
    expect(bindingOf({ kind: 'web', device: 'web', ip: '127.0.0.1' })).toBe('local');
    expect(bindingOf(undefined)).toBe('local');
    expect(bindingOf(desk)).toBe('desk:dev-1');
    expect(bindingOf({ kind: 'browser', device: 'b1', ip: '10.0.0.6' })).toBe('browser:b1');
  });
});
