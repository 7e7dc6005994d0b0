/** Sign in, sign out, the idle lock and unlock. Failed and successful sign-ins are audited. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { SessionInfo } from '../../../shared/domain/office';
import type { Caller, ServiceContext } from '../context';
import { fail } from '../failure';
import { DUMMY_HASH, verifyPassword } from '../crypto/passwords';
import { readOffice } from '../store/repos/office';
import { findUserById, findUserByUsername, toUserView, type UserRecord } from '../store/repos/users';
import { writeAudit } from '../store/repos/audit';

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
  if (!readOffice(ctx.db)) fail('SETUP_REQUIRED');
  const at = ctx.clock.now().toISOString();
  const user = findUserByUsername(ctx.db, input.username);
  const passwordOk = verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !passwordOk) {
    writeAudit(ctx.db, { at, userId: user?.id ?? null, action: 'auth.login_failed', entity: 'user', entityId: user?.id ?? null, detail: { username: input.username } });
    fail('INVALID_CREDENTIALS');
  }
  if (!user.active) fail('ACCOUNT_DISABLED');
  const session = ctx.sessions.create(user.id, user.role);
  writeAudit(ctx.db, { at, userId: user.id, action: 'auth.login', entity: 'user', entityId: user.id });
  return sessionInfo(ctx, session.token, user);
}

export function logout(ctx: ServiceContext): ChannelResult<'auth.logout'> {
  const caller = requireCaller(ctx);
  ctx.sessions.end(caller.token);
  writeAudit(ctx.db, { at: ctx.clock.now().toISOString(), userId: caller.userId, action: 'auth.logout', entity: 'user', entityId: caller.userId });
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
  if (!user || !verifyPassword(input.password, user.passwordHash)) {
    writeAudit(ctx.db, { at: ctx.clock.now().toISOString(), userId: caller.userId, action: 'auth.unlock_failed', entity: 'user', entityId: caller.userId });
    fail('INVALID_CREDENTIALS', 'Kata sandi salah.');
  }
  const state = ctx.sessions.inspect(caller.token, Number.MAX_SAFE_INTEGER);
  if (state.state === 'active' || state.state === 'locked') ctx.sessions.unlock(state.session);
  return sessionInfo(ctx, caller.token, user);
}
