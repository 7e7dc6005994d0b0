/** First run: the office and its first Admin TTE are created together, once. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import { bindingOf } from '../call-origin';
import type { ServiceContext } from '../context';
import { hashPassword } from '../crypto/passwords';
import { fail } from '../failure';
import { inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import { readOffice, saveOffice } from '../store/repos/office';
import { countUsers, insertUser, toUserView } from '../store/repos/users';
import { newId } from './ids';
import { assertMaySetUpHere } from './sign-in-place';

export async function setupStatus(ctx: ServiceContext): Promise<ChannelResult<'setup.status'>> {
  return {
    initialized: (await readOffice(ctx.db)) !== null,
    templates: ctx.templates.map((t) => ({ id: t.id, name: t.name, office: t.office })),
  };
}

export async function initialize(
  ctx: ServiceContext,
  input: ChannelParsed<'setup.initialize'>,
): Promise<ChannelResult<'setup.initialize'>> {
  assertMaySetUpHere(ctx);
  if (!ctx.templates.some((t) => t.id === input.office.sopTemplateId))
    fail('VALIDATION_FAILED', undefined, { 'office.sopTemplateId': 'Templat SOP tidak dikenal' });
  const at = ctx.clock.now().toISOString();
  const passwordHash = await hashPassword(input.admin.password, ctx.passwordCost);
  const admin = {
    id: newId(),
    username: input.admin.username,
    fullName: input.admin.fullName,
    nip: input.admin.nip,
    role: 'admin' as const,
    active: true,
    createdAt: at,
    passwordHash,
  };
  await inTransaction(ctx.db, async () => {
    if ((await readOffice(ctx.db)) !== null || (await countUsers(ctx.db)) > 0) fail('ALREADY_SET_UP');
    await saveOffice(ctx.db, input.office, at);
    await insertUser(ctx.db, admin);
    await writeAudit(ctx.db, {
      at,
      userId: admin.id,
      action: 'setup.initialize',
      entity: 'office',
      entityId: '1',
      detail: { office: input.office.name, admin: admin.username },
    });
  });
  const session = ctx.sessions.create(admin.id, admin.role, bindingOf(ctx.origin));
  return { token: session.token, user: toUserView(admin), office: input.office };
}
