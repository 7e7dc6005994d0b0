/** Office settings and the SOP template table, edited by the Admin TTE. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import { readOffice, saveOffice } from '../store/repos/office';

export async function getOffice(ctx: ServiceContext): Promise<ChannelResult<'office.get'>> {
  return (await readOffice(ctx.db)) ?? fail('SETUP_REQUIRED');
}

export async function updateOffice(
  ctx: ServiceContext,
  input: ChannelParsed<'office.update'>,
): Promise<ChannelResult<'office.update'>> {
  if (!ctx.templates.some((t) => t.id === input.sopTemplateId))
    fail('VALIDATION_FAILED', undefined, { sopTemplateId: 'Templat SOP tidak dikenal' });
  const at = ctx.clock.now().toISOString();
  await inTransaction(ctx.db, async () => {
    const before = await readOffice(ctx.db);
    await saveOffice(ctx.db, input, at);
    await writeAudit(ctx.db, {
      at,
      userId: ctx.caller?.userId ?? null,
      action: 'office.update',
      entity: 'office',
      entityId: '1',
      detail: { before, after: input },
    });
  });
  return input;
}

export async function listTemplates(ctx: ServiceContext): Promise<ChannelResult<'sop.list'>> {
  const office = (await readOffice(ctx.db)) ?? fail('SETUP_REQUIRED');
  return { activeTemplateId: office.sopTemplateId, templates: [...ctx.templates] };
}
