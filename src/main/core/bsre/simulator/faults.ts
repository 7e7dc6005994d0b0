/**
 * Fault switches for the simulator, so the client and the outbox can be tested against every way
 * the real service misbehaves. A fault may be limited to one operation and to a number of requests.
 */
import { SIM_REGISTRATION_REPLIES, type SimFaults, type SimOperation, type SimRegistrationReply } from './model';

export const NO_FAULTS: Readonly<SimFaults> = Object.freeze({
  latencyMs: 0,
  unauthorized: false,
  tooManyRequests: false,
  serverError: null,
  timeoutAfterReceive: false,
  timeoutBeforeApply: false,
  nonJsonBody: false,
  forbidden: false,
  registrationReply: null,
  dropConnection: false,
});

const OPERATIONS: readonly SimOperation[] = ['status', 'registration', 'chain', 'verify'];
const BOOLEAN_KEYS = [
  'unauthorized',
  'tooManyRequests',
  'timeoutAfterReceive',
  'timeoutBeforeApply',
  'nonJsonBody',
  'forbidden',
  'dropConnection',
] as const;

export class FaultSwitch {
  private faults: SimFaults = { ...NO_FAULTS };

  /** Merges `partial` into the current faults; throws on a value of the wrong kind (operator input is untrusted). */
  set(partial: Partial<SimFaults>): void {
    const next: SimFaults = { ...this.faults };
    const input = partial as Record<string, unknown>;
    for (const key of Object.keys(input)) {
      const value = input[key];
      if ((BOOLEAN_KEYS as readonly string[]).includes(key)) {
        if (typeof value !== 'boolean') throw new Error(`Fault ${key} harus true/false.`);
        next[key as (typeof BOOLEAN_KEYS)[number]] = value;
      } else if (key === 'latencyMs') {
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 600_000)
          throw new Error('latencyMs harus 0–600000.');
        next.latencyMs = value;
      } else if (key === 'serverError') {
        if (value !== 500 && value !== 503 && value !== null) throw new Error('serverError harus 500, 503 atau null.');
        next.serverError = value;
      } else if (key === 'registrationReply') {
        if (value !== null && !(SIM_REGISTRATION_REPLIES as readonly unknown[]).includes(value))
          throw new Error(`registrationReply harus salah satu dari ${SIM_REGISTRATION_REPLIES.join(', ')} atau null.`);
        next.registrationReply = value as SimRegistrationReply | null;
      } else if (key === 'onlyFor') {
        if (value !== undefined && value !== null && !OPERATIONS.includes(value as SimOperation))
          throw new Error(`onlyFor harus salah satu dari ${OPERATIONS.join(', ')}.`);
        next.onlyFor = value === null || value === undefined ? undefined : (value as SimOperation);
      } else if (key === 'remaining') {
        if (
          value !== undefined &&
          value !== null &&
          (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
        )
          throw new Error('remaining harus bilangan bulat ≥ 0.');
        next.remaining = value === null || value === undefined ? undefined : (value as number);
      } else {
        throw new Error(`Fault tidak dikenal: ${key}`);
      }
    }
    this.faults = next;
  }

  clear(): void {
    this.faults = { ...NO_FAULTS };
  }

  current(): SimFaults {
    return { ...this.faults };
  }

  /** The faults that apply to this request (counting it against `remaining`), or null. */
  take(operation: SimOperation): SimFaults | null {
    const f = this.faults;
    const active =
      f.latencyMs > 0 || f.serverError !== null || f.registrationReply !== null || BOOLEAN_KEYS.some((key) => f[key]);
    if (!active) return null;
    if (f.onlyFor !== undefined && f.onlyFor !== operation) return null;
    if (f.remaining !== undefined) {
      if (f.remaining <= 0) return null;
      this.faults = { ...f, remaining: f.remaining - 1 };
    }
    return { ...f };
  }
}
