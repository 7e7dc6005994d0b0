/**
 * The one choke point both hosts call: session → role → schema → service → Result. The role is
 * checked before the input is parsed so a caller without access learns nothing about the schema.
 * Nothing reaches a service without a parsed input and an allowed role; every failure leaves as
 * a stable code with Indonesian text; unexpected errors are logged here and never leak details.
 */
import type { z } from 'zod';

import { type ChannelName, isChannelName } from '../../shared/contract/channel-names';
import { CHANNELS } from '../../shared/contract/channels';
import { type ErrorCode, messageFor } from '../../shared/contract/errors';
import type { AppError, Result } from '../../shared/contract/result';
import { bindingOf, type CallOrigin, LOCAL_ORIGIN, runWithOrigin } from './call-origin';
import { changeEventsFor } from './change-events';
import type { Caller, ServiceContext, Services } from './context';
import { Failure } from './failure';
import { HANDLERS } from './handlers';
import { createIdempotency, IDEMPOTENCY_KEY, usesIdempotency } from './idempotency';
import type { Logger } from './logger';
import { writeFault } from './store/faults';
import { findCallerWithIdleLock } from './store/repos/users';

export interface CallContext {
  token: string | null;
  /** One per user action (see idempotency.ts); a retry of the same action sends the same key. */
  idempotencyKey?: string | null;
  /** Where the call came from ('ipc', or the web host's remote address): sign-in throttling counts per source. */
  source?: string;
  /** Which desk, browser or window, and from which IP: binds sessions and goes into every audit entry. */
  origin?: CallOrigin;
}

const ALLOWED_WHILE_LOCKED: readonly ChannelName[] = ['auth.unlock', 'auth.logout', 'auth.lock'];
const DEFAULT_IDLE_MINUTES = 15;

const failure = (code: ErrorCode, message?: string, fields?: Record<string, string>): Result<never> => ({
  ok: false,
  error: { code, message: message ?? messageFor(code), ...(fields ? { fields } : {}) } satisfies AppError,
});

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

export function createDispatch(services: Services, logger: Logger) {
  async function resolveCaller(
    channel: ChannelName,
    token: string | null,
    origin: CallOrigin,
  ): Promise<Caller | Result<never>> {
    const binding = bindingOf(origin);
    // Missing and expired sessions are answered before any read; the idle lock needs the office's
    // minutes, read with the user in one query.
    const known = services.sessions.inspect(token, Number.MAX_SAFE_INTEGER, binding);
    if (known.state === 'missing') return failure('NOT_AUTHENTICATED');
    if (known.state === 'expired') return failure('SESSION_EXPIRED');
    const found = await findCallerWithIdleLock(services.db, known.session.userId);
    const state = services.sessions.inspect(token, found?.idleLockMinutes ?? DEFAULT_IDLE_MINUTES, binding);
    if (state.state === 'missing') return failure('NOT_AUTHENTICATED');
    if (state.state === 'expired') return failure('SESSION_EXPIRED');
    if (state.state === 'locked' && !ALLOWED_WHILE_LOCKED.includes(channel)) return failure('SESSION_LOCKED');
    const user = found?.user;
    if (!user || !user.active) {
      services.sessions.end(state.session.token);
      return failure('ACCOUNT_DISABLED');
    }
    if (channel !== 'auth.lock') services.sessions.touch(state.session);
    return { userId: user.id, role: user.role, fullName: user.fullName, token: state.session.token };
  }

  const once = createIdempotency({ ...services, logger }, (code) => failure(code));

  async function execute(
    channel: ChannelName,
    caller: Caller | null,
    input: unknown,
    source: string,
    origin: CallOrigin,
  ): Promise<Result<unknown>> {
    try {
      const handler = HANDLERS[channel] as (c: ServiceContext, i: unknown) => unknown;
      const value = await runWithOrigin(origin, () => handler({ ...services, caller, source, origin }, input));
      // Announced here, so a replay of a stored answer (which changed nothing) announces nothing.
      if (caller) for (const event of changeEventsFor(channel, input, value)) services.events.emit(event);
      return { ok: true, value } as Result<unknown>;
    } catch (error) {
      if (error instanceof Failure) return failure(error.code, error.message, error.fields);
      const fault = writeFault(error);
      if (fault) {
        logger.error(`channel ${channel} refused: ${fault.code}`);
        return failure(fault.code);
      }
      logger.error(`channel ${channel} failed`, error);
      return failure('INTERNAL_ERROR');
    }
  }

  return async function dispatch(channel: string, input: unknown, ctx: CallContext): Promise<Result<unknown>> {
    if (!isChannelName(channel)) return failure('UNKNOWN_CHANNEL');
    const spec = CHANNELS[channel];
    const origin = ctx.origin ?? LOCAL_ORIGIN;
    let caller: Caller | null = null;
    if (spec.access !== 'public') {
      const resolved = await resolveCaller(channel, ctx.token, origin);
      if ('ok' in resolved) return resolved;
      caller = resolved;
    }
    if (caller && spec.access !== 'any' && !(spec.access as readonly string[]).includes(caller.role))
      return failure('FORBIDDEN');
    const parsed = (spec.input as z.ZodType).safeParse(input ?? {});
    if (!parsed.success) return failure('VALIDATION_FAILED', undefined, fieldErrors(parsed.error));
    const source = ctx.source ?? 'local';
    const key = ctx.idempotencyKey;
    const run = () => execute(channel, caller, parsed.data, source, origin);
    let result: Result<unknown>;
    if (key === undefined || key === null || !caller || !usesIdempotency(channel)) result = await run();
    else if (!IDEMPOTENCY_KEY.test(key))
      return failure('VALIDATION_FAILED', undefined, { idempotencyKey: 'Kode permintaan tidak dikenali.' });
    else result = await once(channel, parsed.data, caller.userId, key, run);
    return result;
  };
}

export type Dispatch = ReturnType<typeof createDispatch>;
