/**
 * Where a call came from: the desktop window (ipc), the loopback web host (web), a paired desk or a
 * browser on the office network. Sessions are bound to it at sign-in (a token presented from another
 * desk or browser is treated as unknown), and while a call runs its origin is kept in an
 * AsyncLocalStorage so every audit entry it writes records the device and the IP.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface CallOrigin {
  kind: 'ipc' | 'web' | 'desk' | 'browser';
  /** The device id (desk), the browser id (browser), or 'ipc' / 'web'. */
  device: string;
  /** The remote address as the host saw it ('local' in-process). */
  ip: string;
  /** A browser on the server PC itself (127.0.0.1 / ::1). */
  loopback?: boolean;
}

export const LOCAL_ORIGIN: CallOrigin = { kind: 'ipc', device: 'ipc', ip: 'local' };

/**
 * What a session is bound to. The desktop window and the loopback web host are the same PC's own
 * process ('local'); a desk or a browser is bound to its own id.
 */
export function bindingOf(origin: CallOrigin | undefined): string {
  if (!origin || origin.kind === 'ipc' || origin.kind === 'web') return 'local';
  return `${origin.kind}:${origin.device}`;
}

/**
 * The running call's origin, open while the call runs. Background work the call merely started (a
 * timer the outbox worker set, a recap refresh) inherits the async context but finds the scope
 * closed once the call has answered, so later entries of that work are not credited to the desk.
 */
interface CallScope {
  origin: CallOrigin;
  open: boolean;
}

const current = new AsyncLocalStorage<CallScope>();

export async function runWithOrigin<T>(origin: CallOrigin, work: () => T | Promise<T>): Promise<T> {
  const scope: CallScope = { origin, open: true };
  try {
    return await current.run(scope, work);
  } finally {
    scope.open = false;
  }
}

/**
 * Runs `work` outside any call's scope: background work a call only wakes (the BSrE outbox after a
 * registration request) must not be credited to that desk, however fast BSrE answers — while the
 * call is still answering, its scope is open and would otherwise claim the work's audit entries.
 */
export function outsideAnyCall<T>(work: () => T): T {
  return current.exit(work);
}

/** The origin of the call now running, if a network host named one (desk or browser). */
export function networkOriginNow(): { kind: string; device: string; ip: string } | null {
  const scope = current.getStore();
  if (!scope?.open) return null;
  const { origin } = scope;
  if (origin.kind !== 'desk' && origin.kind !== 'browser') return null;
  return { kind: origin.kind, device: origin.device, ip: origin.ip };
}
