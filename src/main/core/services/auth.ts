/**
 * Sign in, sign out, the idle lock and unlock. Failed and successful sign-ins are audited; repeated
 * failures lock the username for a while (login-lockout.ts), on the sign-in and the unlock screen alike.
 */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { SessionInfo } from '../../../shared/domain/office';
import type { Caller, ServiceContext } from '../context';
import { DUMMY_HASH, verifyPassword } from '../crypto/passwords';
import { fail } from '../failure';
import { writeAudit } from '../store/repos/audit';
import { readOffice } from '../store/repos/office';
import { findUserById, findUserByUsername, toUserView, type UserRecord } from '../store/repos/users';
import { lockedMessage, lockedUntil, recordFailure, recordRefused, recordSuccess } from './login-lockout';

function sessionInfo(ctx: ServiceContext, token: string, user: UserRecord): SessionInfo {
  const office = readOffice(ctx.db);
  if (!office) fail('SETUP_REQUIRED');
  return { token, user: toUserView(user), office };
}

function requireCaller(ctx: ServiceContext): Caller {
  if (!ctx.caller) fail('NOT_AUTHENTICATED');
  return ctx.caller;
}

export function login(ctx: ServiceContext, input: ChannelParsed<'auth.login'>): ChannelResult<'auth.login'> {
  const office = readOffice(ctx.db);
  if (!office) fail('SETUP_REQUIRED');
  const now = ctx.clock.now();
  const user = findUserByUsername(ctx.db, input.username);
  const attempt = { username: input.username, userId: user?.id ?? null, source: 'auth.login' } as const;
  // Locked: refused before the password is checked, the same way for a username that does not exist.
  const until = lockedUntil(ctx.db, input.username, now);
  if (until) {
    recordRefused(ctx.db, attempt, now, until);
    fail('ACCOUNT_LOCKED_TEMPORARILY', lockedMessage(until, office.timeZone));
  }
  const passwordOk = verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !passwordOk) {
    const outcome = recordFailure(ctx.db, attempt, now);
    if (outcome.lockedUntil) fail('ACCOUNT_LOCKED_TEMPORARILY', lockedMessage(outcome.lockedUntil, office.timeZone));
    fail('INVALID_CREDENTIALS');
  }
  recordSuccess(ctx.db, input.username);
  if (!user.active) fail('ACCOUNT_DISABLED');
  const session = ctx.sessions.create(user.id, user.role);
  writeAudit(ctx.db, {
    at: now.toISOString(),
    userId: user.id,
    action: 'auth.login',
    entity: 'user',
    entityId: user.id,
  });
  return sessionInfo(ctx, session.token, user);
}

export function logout(ctx: ServiceContext): ChannelResult<'auth.logout'> {
  const caller = requireCaller(ctx);
  ctx.sessions.end(caller.token);
  writeAudit(ctx.db, {
    at: ctx.clock.now().toISOString(),
    userId: caller.userId,
    action: 'auth.logout',
    entity: 'user',
    entityId: caller.userId,
  });
  return { loggedOut: true };
}

export function me(ctx: ServiceContext): ChannelResult<'auth.me'> {
  const caller = requireCaller(ctx);
  const user = findUserById(ctx.db, caller.userId);
  if (!user) fail('NOT_AUTHENTICATED');
  return sessionInfo(ctx, caller.token, user);
}

export function lock(ctx: ServiceContext): ChannelResult<'auth.lock'> {
  const caller = requireCaller(ctx);
  const state = ctx.sessions.inspect(caller.token, Number.MAX_SAFE_INTEGER);
  if (state.state === 'active' || state.state === 'locked') ctx.sessions.lock(state.session);
  return { locked: true };
}

export function unlock(ctx: ServiceContext, input: ChannelParsed<'auth.unlock'>): ChannelResult<'auth.unlock'> {
  const caller = requireCaller(ctx);
  const user = findUserById(ctx.db, caller.userId);
  if (!user) fail('NOT_AUTHENTICATED');
  const now = ctx.clock.now();
  const zone = readOffice(ctx.db)?.timeZone ?? 'WIB';
  const attempt = { username: user.username, userId: user.id, source: 'auth.unlock' } as const;
  // A locked username cannot be unlocked from a locked screen either: the session ends.
  const until = lockedUntil(ctx.db, user.username, now);
  if (until) {
    recordRefused(ctx.db, attempt, now, until);
    ctx.sessions.end(caller.token);
    fail('ACCOUNT_LOCKED_TEMPORARILY', lockedMessage(until, zone));
  }
  if (!verifyPassword(input.password, user.passwordHash)) {
    const outcome = recordFailure(ctx.db, attempt, now);
    if (outcome.lockedUntil) {
      ctx.sessions.end(caller.token);
      fail('ACCOUNT_LOCKED_TEMPORARILY', lockedMessage(outcome.lockedUntil, zone));
    }
    fail('INVALID_CREDENTIALS', 'Kata sandi salah.');
  }
  recordSuccess(ctx.db, user.username);
  const state = ctx.sessions.inspect(caller.token, Number.MAX_SAFE_INTEGER);
  if (state.state === 'active' || state.state === 'locked') ctx.sessions.unlock(state.session);
  return sessionInfo(ctx, caller.token, user);
}
