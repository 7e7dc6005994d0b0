/** The recap of TTE users as the desk sees it, a page at a time; NIK and phone masked for roles that do not need them. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { HolderView } from '../../../shared/domain/application';
import { EXPIRY_WINDOWS, type HolderPage, type RenewalDraft } from '../../../shared/domain/recap';
import { canSeePersonalData } from '../../../shared/domain/roles';
import { todayIn } from '../../../shared/domain/time';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import type { Db } from '../store/db';
import { dialectOf } from '../store/dialect';
import { writeAudit } from '../store/repos/audit';
import {
  countHoldersByWindows,
  countHoldersEach,
  getHolder,
  type HolderFilter,
  type HolderRecord,
  isNameSearch,
  listAgencies,
  pageHolders,
  pageHoldersCounted,
} from '../store/repos/holders';
import { readOffice } from '../store/repos/office';
import { refuseNikSearchForMasked } from './masked-search';

export const maskPhone = (phone: string): string =>
  phone.length > 6 ? `${phone.slice(0, 4)}••••${phone.slice(-3)}` : '••••';

/** YYYY-MM-DD plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today in the office's zone (WIB when the office is not set up yet). */
export async function officeToday(db: Db, now: Date): Promise<string> {
  return todayIn((await readOffice(db))?.timeZone ?? 'WIB', now);
}

export function toHolderView(h: HolderRecord, personal: boolean): HolderView {
  return {
    id: h.id,
    applicationId: h.applicationId,
    name: h.name,
    nik: personal ? h.nik : h.nikMasked,
    nip: h.nip,
    agency: h.agency,
    position: h.position,
    officialEmail: h.officialEmail,
    phone: personal && !h.unreadable ? h.phone : maskPhone(h.phone),
    issuedAt: h.issuedAt,
    expiresAt: h.expiresAt,
    bsreStatus: h.bsreStatus,
    bsreCheckedAt: h.bsreCheckedAt ?? null,
    bsreMismatch: h.bsreMismatch ?? false,
    ...(h.unreadable ? { unreadable: true } : {}),
  };
}

/** The page query the repo runs; exported so the bench measures exactly what the screen asks. */
export async function queryHolderPage(
  db: Db,
  key: Buffer,
  input: ChannelParsed<'holders.list'>,
  today: string,
  personal: boolean,
): Promise<HolderPage> {
  const base: HolderFilter = {
    query: input.query,
    agency: input.agency || undefined,
    bsreStatus: input.bsreStatus || undefined,
  };
  const filter: HolderFilter = input.expiringWithinDays
    ? { ...base, expiresBetween: { from: today, to: addDays(today, input.expiringWithinDays) } }
    : base;
  const paging = { sort: input.sort, direction: input.direction, offset: input.offset, limit: input.limit };
  const windows = EXPIRY_WINDOWS.map((days) => ({ from: today, to: addDays(today, days) }));
  // A name search can match thousands of holders: where the engine does it best (the dialect says),
  // one pass answers the page and its counts together; otherwise the page (walking the sort's index
  // until it has a page of matches) and the counts (one pass over the matches) are read side by
  // side, on two pooled connections. Other filters are index ranges, cheap to count apart (all
  // counts in one statement). The OPD list is read alongside.
  const window = input.expiringWithinDays;
  const open = { openPersonal: personal };
  const pageAndCounts = async (): Promise<{ rows: HolderRecord[]; total: number; expiring: number[] }> => {
    if (isNameSearch(base.query) && window === undefined && dialectOf(db).nameSearchCountedInOnePass) {
      const counted = await pageHoldersCounted(db, key, { ...base, ...paging }, windows, open);
      return { rows: counted.rows, total: counted.total, expiring: counted.windows };
    }
    if (isNameSearch(base.query)) {
      const [rows, counts] = await Promise.all([
        pageHolders(db, key, { ...filter, ...paging }, open),
        countHoldersByWindows(db, key, base, windows),
      ]);
      const total = window === undefined ? counts.total : (counts.windows[EXPIRY_WINDOWS.indexOf(window)] ?? 0);
      return { rows, total, expiring: counts.windows };
    }
    const [rows, [total = 0, ...expiring]] = await Promise.all([
      pageHolders(db, key, { ...filter, ...paging }, open),
      countHoldersEach(db, key, [filter, ...windows.map((w) => ({ ...base, expiresBetween: w }))]),
    ]);
    return { rows, total, expiring };
  };
  const [{ rows, total, expiring }, agencies] = await Promise.all([pageAndCounts(), listAgencies(db)]);
  return {
    total,
    offset: input.offset,
    rows: rows.map((h) => toHolderView(h, personal)),
    agencies,
    expiring: EXPIRY_WINDOWS.map((days, i) => ({ days, count: expiring[i] ?? 0 })),
    today,
  };
}

export async function list(
  ctx: ServiceContext,
  input: ChannelParsed<'holders.list'>,
): Promise<ChannelResult<'holders.list'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  refuseNikSearchForMasked(caller.role, input.query);
  return await queryHolderPage(
    ctx.db,
    ctx.dataKey,
    input,
    await officeToday(ctx.db, ctx.clock.now()),
    canSeePersonalData(caller.role),
  );
}

export async function refreshBsre(ctx: ServiceContext): Promise<ChannelResult<'holders.refreshBsre'>> {
  await writeAudit(ctx.db, {
    at: ctx.clock.now().toISOString(),
    userId: ctx.caller?.userId ?? null,
    action: 'holders.refresh_bsre',
    entity: 'holders',
    entityId: null,
  });
  return await ctx.recap.start();
}

export function refreshProgress(ctx: ServiceContext): ChannelResult<'holders.refreshProgress'> {
  return ctx.recap.current();
}

/** A renewal intake prefilled from the recap; desk roles see the full NIK and phone. */
export async function renewalDraft(
  ctx: ServiceContext,
  input: ChannelParsed<'holders.renewalDraft'>,
): Promise<ChannelResult<'holders.renewalDraft'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const h =
    (await getHolder(ctx.db, ctx.dataKey, input.holderId)) ??
    fail('NOT_FOUND', 'Pemegang sertifikat tidak ditemukan di rekap.');
  await writeAudit(ctx.db, {
    at: ctx.clock.now().toISOString(),
    userId: caller.userId,
    action: 'holders.renewal_draft',
    entity: 'holder',
    entityId: h.id,
  });
  const draft: RenewalDraft = {
    holderId: h.id,
    serviceType: 'renewal',
    applicant: {
      name: h.name,
      nik: h.nik,
      nip: h.nip,
      position: h.position,
      agency: h.agency,
      officialEmail: h.officialEmail ?? '',
      phone: h.phone,
    },
    previousExpiresAt: h.expiresAt,
  };
  return draft;
}
