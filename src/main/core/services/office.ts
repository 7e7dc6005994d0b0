/** Office settings and the SOP template table, edited by the Admin TTE. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import { readOffice, saveOffice } from '../store/repos/office';

export function getOffice(ctx: ServiceContext): ChannelResult<'office.get'> {
  return readOffice(ctx.db) ?? fail('SETUP_REQUIRED');
}

export function updateOffice(
  ctx: ServiceContext,
  input: ChannelParsed<'office.update'>,
): ChannelResult<'office.update'> {
  if (!ctx.templates.some((t) => t.id === input.sopTemplateId))
    fail('VALIDATION_FAILED', undefined, { sopTemplateId: 'Templat SOP tidak dikenal' });
  const at = ctx.clock.now().toISOString();
  inTransaction(ctx.db, () => {
    const before = readOffice(ctx.db);
    saveOffice(ctx.db, input, at);
    writeAudit(ctx.db, {
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

export function listTemplates(ctx: ServiceContext): ChannelResult<'sop.list'> {
  const office = readOffice(ctx.db) ?? fail('SETUP_REQUIRED');
  return { activeTemplateId: office.sopTemplateId, templates: [...ctx.templates] };
}
