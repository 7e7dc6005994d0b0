/** Staff accounts managed by the Admin TTE; the last active Admin cannot be locked out. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import { personalPasswordProblems } from '../../../shared/identity/password-strength';
import type { ServiceContext } from '../context';
import { hashPassword } from '../crypto/passwords';
import { fail } from '../failure';
import { inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import {
  countActiveAdmins,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  SYSTEM_USER_ID,
  toUserView,
  updateUser,
} from '../store/repos/users';
import { newId } from './ids';

export async function list(ctx: ServiceContext): Promise<ChannelResult<'users.list'>> {
  return (await listUsers(ctx.db)).map(toUserView);
}

export async function create(
  ctx: ServiceContext,
  input: ChannelParsed<'users.create'>,
): Promise<ChannelResult<'users.create'>> {
  const passwordHash = await hashPassword(input.password, ctx.passwordCost);
  const at = ctx.clock.now().toISOString();
  const user = {
    id: newId(),
    username: input.username,
    fullName: input.fullName,
    nip: input.nip,
    role: input.role,
    active: true,
    createdAt: at,
    passwordHash,
  };
  await inTransaction(ctx.db, async () => {
    if (await findUserByUsername(ctx.db, input.username))
      fail('USERNAME_TAKEN', undefined, { username: 'Nama pengguna sudah dipakai' });
    await insertUser(ctx.db, user);
    await writeAudit(ctx.db, {
      at,
      userId: ctx.caller?.userId ?? null,
      action: 'user.create',
      entity: 'user',
      entityId: user.id,
      detail: { username: user.username, role: user.role },
    });
  });
  return toUserView(user);
}

export async function update(
  ctx: ServiceContext,
  input: ChannelParsed<'users.update'>,
): Promise<ChannelResult<'users.update'>> {
  const newHash = input.password ? await hashPassword(input.password, ctx.passwordCost) : null;
  const at = ctx.clock.now().toISOString();
  const updated = await inTransaction(ctx.db, async () => {
    const user = (input.id !== SYSTEM_USER_ID ? await findUserById(ctx.db, input.id) : null) ?? fail('NOT_FOUND');
    // The schema checked length and variety; only here are the username and name known.
    const personal = input.password
      ? personalPasswordProblems(input.password, { username: user.username, fullName: input.fullName ?? user.fullName })
      : [];
    if (personal[0]) fail('VALIDATION_FAILED', undefined, { password: personal[0] });
    const next = {
      ...user,
      fullName: input.fullName ?? user.fullName,
      role: input.role ?? user.role,
      active: input.active ?? user.active,
      passwordHash: newHash ?? user.passwordHash,
    };
    const losesAdmin = user.role === 'admin' && user.active && (next.role !== 'admin' || !next.active);
    if (losesAdmin && (await countActiveAdmins(ctx.db)) <= 1) fail('LAST_ADMIN');
    await updateUser(ctx.db, next);
    const changed = Object.keys(input).filter((k) => k !== 'id' && k !== 'password');
    await writeAudit(ctx.db, {
      at,
      userId: ctx.caller?.userId ?? null,
      action: 'user.update',
      entity: 'user',
      entityId: user.id,
      detail: { changed, passwordReset: Boolean(input.password), role: next.role, active: next.active },
    });
    return next;
  });
  if (input.role || input.active === false || input.password) ctx.sessions.endAllFor(updated.id);
  return toUserView(updated);
}
