/**
 * Sign in, sign out, the idle lock and unlock. Failed and successful sign-ins are audited; repeated
 * failures lock the username for a while (login-lockout.ts), on the sign-in and the unlock screen alike.
 */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { SessionInfo } from '../../../shared/domain/office';
import { bindingOf } from '../call-origin';
import type { Caller, ServiceContext } from '../context';
import { costOf, dummyHash, hashPassword, needsRehash, verifyPassword } from '../crypto/passwords';
import { fail } from '../failure';
import { inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import { readOffice } from '../store/repos/office';
import { findUserById, findUserByUsername, toUserView, updateUser, type UserRecord } from '../store/repos/users';
import { lockedMessage, lockedUntil, recordFailure, recordRefused, recordSuccess } from './login-lockout';
import { assertMaySignInHere } from './sign-in-place';

async function sessionInfo(ctx: ServiceContext, token: string, user: UserRecord): Promise<SessionInfo> {
  const office = await readOffice(ctx.db);
  if (!office) fail('SETUP_REQUIRED');
  return { token, user: toUserView(user), office };
}

function requireCaller(ctx: ServiceContext): Caller {
  if (!ctx.caller) fail('NOT_AUTHENTICATED');
  return ctx.caller;
}

const sourceOf = (ctx: ServiceContext) => ctx.source ?? 'local';

/** The lockout counter's name: the username, per source when the host names one (LAN desks, web host). */
const throttleName = (ctx: ServiceContext, username: string) => {
  const source = sourceOf(ctx);
  return source === 'local' || source === 'ipc' ? username : `${username} @${source}`;
};

/** A hash made at a lower cost than today's is replaced now that the password is known. */
async function upgradeHash(ctx: ServiceContext, user: UserRecord, password: string): Promise<void> {
  if (!needsRehash(user.passwordHash, ctx.passwordCost)) return;
  const passwordHash = await hashPassword(password, ctx.passwordCost);
  const current = await findUserById(ctx.db, user.id);
  if (!current || current.passwordHash !== user.passwordHash) return;
  await inTransaction(ctx.db, async () => {
    await updateUser(ctx.db, { ...current, passwordHash });
    await writeAudit(ctx.db, {
      at: ctx.clock.now().toISOString(),
      userId: user.id,
      action: 'user.password_rehashed',
      entity: 'user',
      entityId: user.id,
      detail: { from: costOf(user.passwordHash), to: ctx.passwordCost },
    });
  });
}

export async function login(
  ctx: ServiceContext,
  input: ChannelParsed<'auth.login'>,
): Promise<ChannelResult<'auth.login'>> {
  const office = await readOffice(ctx.db);
  if (!office) fail('SETUP_REQUIRED');
  const now = ctx.clock.now();
  const sourceLock = ctx.loginSources.lockedUntil(sourceOf(ctx));
  if (sourceLock)
    fail(
      'ACCOUNT_LOCKED_TEMPORARILY',
      `${lockedMessage(sourceLock, office.timeZone)} (terlalu banyak percobaan dari perangkat ini)`,
    );
  const user = await findUserByUsername(ctx.db, input.username);
  const name = throttleName(ctx, input.username);
  const attempt = { username: name, userId: user?.id ?? null, source: 'auth.login' } as const;
  // Locked: refused before the password is checked, the same way for a username that does not exist.
  const until = await lockedUntil(ctx.db, name, now);
  if (until) {
    ctx.loginSources.recordFailure(sourceOf(ctx));
    await recordRefused(ctx.db, attempt, now, until);
    fail('ACCOUNT_LOCKED_TEMPORARILY', lockedMessage(until, office.timeZone));
  }
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash(ctx.passwordCost)));
  if (!user || !passwordOk) {
    ctx.loginSources.recordFailure(sourceOf(ctx));
    const outcome = await recordFailure(ctx.db, attempt, now);
    if (outcome.lockedUntil) fail('ACCOUNT_LOCKED_TEMPORARILY', lockedMessage(outcome.lockedUntil, office.timeZone));
    fail('INVALID_CREDENTIALS');
  }
  await recordSuccess(ctx.db, name);
  if (!user.active) fail('ACCOUNT_DISABLED');
  await upgradeHash(ctx, user, input.password);
  await assertMaySignInHere(ctx, user);
  const session = ctx.sessions.create(user.id, user.role, bindingOf(ctx.origin));
  await writeAudit(ctx.db, {
    at: now.toISOString(),
    userId: user.id,
    action: 'auth.login',
    entity: 'user',
    entityId: user.id,
  });
  return await sessionInfo(ctx, session.token, user);
}

export async function logout(ctx: ServiceContext): Promise<ChannelResult<'auth.logout'>> {
  const caller = requireCaller(ctx);
  ctx.sessions.end(caller.token);
  await writeAudit(ctx.db, {
    at: ctx.clock.now().toISOString(),
    userId: caller.userId,
    action: 'auth.logout',
    entity: 'user',
    entityId: caller.userId,
  });
  return { loggedOut: true };
}

export async function me(ctx: ServiceContext): Promise<ChannelResult<'auth.me'>> {
  const caller = requireCaller(ctx);
  const user = await findUserById(ctx.db, caller.userId);
  if (!user) fail('NOT_AUTHENTICATED');
  return await sessionInfo(ctx, caller.token, user);
}

export function lock(ctx: ServiceContext): ChannelResult<'auth.lock'> {
  const caller = requireCaller(ctx);
  const state = ctx.sessions.inspect(caller.token, Number.MAX_SAFE_INTEGER);
  if (state.state === 'active' || state.state === 'locked') ctx.sessions.lock(state.session);
  return { locked: true };
}

export async function unlock(
  ctx: ServiceContext,
  input: ChannelParsed<'auth.unlock'>,
): Promise<ChannelResult<'auth.unlock'>> {
  const caller = requireCaller(ctx);
  const user = await findUserById(ctx.db, caller.userId);
  if (!user) fail('NOT_AUTHENTICATED');
  const now = ctx.clock.now();
  const zone = (await readOffice(ctx.db))?.timeZone ?? 'WIB';
  const name = throttleName(ctx, user.username);
  const attempt = { username: name, userId: user.id, source: 'auth.unlock' } as const;
  // A locked username cannot be unlocked from a locked screen either: the session ends.
  const until = await lockedUntil(ctx.db, name, now);
  if (until) {
    await recordRefused(ctx.db, attempt, now, until);
    ctx.sessions.end(caller.token);
    fail('ACCOUNT_LOCKED_TEMPORARILY', lockedMessage(until, zone));
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    const outcome = await recordFailure(ctx.db, attempt, now);
    if (outcome.lockedUntil) {
      ctx.sessions.end(caller.token);
      fail('ACCOUNT_LOCKED_TEMPORARILY', lockedMessage(outcome.lockedUntil, zone));
    }
    fail('INVALID_CREDENTIALS', 'Kata sandi salah.');
  }
  await recordSuccess(ctx.db, name);
  await upgradeHash(ctx, user, input.password);
  const state = ctx.sessions.inspect(caller.token, Number.MAX_SAFE_INTEGER);
  if (state.state === 'active' || state.state === 'locked') ctx.sessions.unlock(state.session);
  return await sessionInfo(ctx, caller.token, user);
}
