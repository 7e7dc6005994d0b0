/** The recap of TTE users as the desk sees it; NIK and phone masked for roles that do not need them. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import { canSeePersonalData } from '../../../shared/domain/roles';
import type { ServiceContext } from '../context';
import { searchHolders } from '../store/repos/holders';
import { writeAudit } from '../store/repos/audit';
import { fail } from '../failure';

export function list(ctx: ServiceContext, input: ChannelParsed<'holders.list'>): ChannelResult<'holders.list'> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const personal = canSeePersonalData(caller.role);
  const rows = searchHolders(ctx.db, ctx.dataKey, input.query, input.limit).map((h) => ({
    id: h.id,
    applicationId: h.applicationId,
    name: h.name,
    nik: personal ? h.nik : h.nikMasked,
    nip: h.nip,
    agency: h.agency,
    position: h.position,
    officialEmail: h.officialEmail,
    phone: personal ? h.phone : `${h.phone.slice(0, 4)}••••${h.phone.slice(-3)}`,
    issuedAt: h.issuedAt,
    expiresAt: h.expiresAt,
    bsreStatus: h.bsreStatus,
    bsreCheckedAt: h.bsreCheckedAt ?? null,
    bsreMismatch: h.bsreMismatch ?? false,
  }));
  return { total: rows.length, offset: 0, rows, agencies: [] };
}

export function refreshBsre(ctx: ServiceContext): ChannelResult<'holders.refreshBsre'> {
  writeAudit(ctx.db, { at: ctx.clock.now().toISOString(), userId: ctx.caller?.userId ?? null, action: 'holders.refresh_bsre', entity: 'holders', entityId: null });
  return ctx.recap.start();
}

export function refreshProgress(ctx: ServiceContext): ChannelResult<'holders.refreshProgress'> {
  return ctx.recap.current();
}

export function renewalDraft(_ctx: ServiceContext, _input: ChannelParsed<'holders.renewalDraft'>): ChannelResult<'holders.renewalDraft'> {
  return fail('INTERNAL_ERROR', 'Perpanjangan belum tersedia.');
}
