/**
 * Erasure on the data subject's request (UU 27/2022 art. 8 and 16): refused while an application
 * of the NIK is open; otherwise, in one transaction, documents and OCR readings are purged and the
 * name, NIK, NIP, phone and email are erased from closed applications, the recap and the message
 * log. Recap rows of a certificate that is still valid are kept: the office's record of issued
 * certificates is a legal record while the certificate lives. Everything is logged and audited.
 */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { ErasureKept, ErasureResult } from '../../../shared/domain/privacy';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { inTransaction } from '../store/db';
import { getApplication } from '../store/repos/applications';
import { writeAudit } from '../store/repos/audit';
import {
  applicationsOfNik,
  eraseApplicationIdentity,
  eraseHolderIdentity,
  eraseMessageRecipient,
  holdersOfNik,
  messageIdsFor,
} from '../store/repos/privacy';
import { insertPurgeLog, purgeApplicationData } from '../store/repos/retention';
import { newId } from './ids';

/** Statuses under which the certificate cannot sign any more: nothing left to keep the record for. */
const ENDED_STATUSES = ['REVOKE', 'EXPIRED'];
export const KEPT_REASON =
  'Sertifikat masih berlaku: rekap pengguna TTE adalah catatan resmi kantor selama sertifikat hidup.';

export async function eraseNik(
  ctx: ServiceContext,
  input: ChannelParsed<'privacy.erase'>,
): Promise<ChannelResult<'privacy.erase'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  return await inTransaction(ctx.db, async () => {
    const now = ctx.clock.now();
    const at = now.toISOString();
    const apps = await applicationsOfNik(ctx.db, ctx.dataKey, input.nik);
    const holders = await holdersOfNik(ctx.db, ctx.dataKey, input.nik);
    if (apps.length === 0 && holders.length === 0) fail('PRIVACY_NOTHING_HELD');
    if (apps.some((a) => a.status === 'inProgress' || a.status === 'returned')) fail('ERASURE_APPLICATION_OPEN');

    const kept: ErasureKept[] = holders
      .filter((h) => h.expiresAt > at.slice(0, h.expiresAt.length) && !ENDED_STATUSES.includes(h.bsreStatus))
      .map((h) => ({ holderId: h.id, expiresAt: h.expiresAt, reason: KEPT_REASON }));
    const keptIds = new Set(kept.map((k) => k.holderId));
    const erasedHolders = holders.filter((h) => !keptIds.has(h.id)).map((h) => h.id);
    const messages = await messageIdsFor(
      ctx.db,
      apps.map((a) => a.id),
      erasedHolders,
    );

    const result: ErasureResult = {
      at,
      applications: [],
      holdersErased: erasedHolders.length,
      messagesErased: messages.length,
      kept,
    };
    for (const a of apps) {
      const record = (await getApplication(ctx.db, ctx.dataKey, a.id)) ?? fail('NOT_FOUND');
      const counts = await purgeApplicationData(ctx.db, ctx.dataKey, a.id, at);
      await eraseApplicationIdentity(
        ctx.db,
        ctx.dataKey,
        a.id,
        { name: record.applicantName, nik: record.nik, phone: record.phone, nip: record.nip },
        at,
      );
      await insertPurgeLog(ctx.db, {
        id: newId(),
        at,
        reason: 'erasure',
        applicationId: a.id,
        documents: counts.documents,
        bytes: counts.bytes,
        byUserId: caller.userId,
      });
      result.applications.push({
        id: a.id,
        referenceNo: a.referenceNo,
        documents: counts.documents,
        bytes: counts.bytes,
      });
    }
    for (const id of erasedHolders) await eraseHolderIdentity(ctx.db, ctx.dataKey, id);
    for (const id of messages) await eraseMessageRecipient(ctx.db, ctx.dataKey, id);
    await writeAudit(ctx.db, {
      at,
      userId: caller.userId,
      action: 'privacy.erased',
      entity: 'privacy',
      entityId: null,
      detail: {
        reason: input.reason,
        applications: result.applications.map((a) => a.id),
        holdersErased: erasedHolders,
        holdersKept: kept.map((k) => ({ id: k.holderId, expiresAt: k.expiresAt })),
        messagesErased: messages.length,
      },
    });
    return result;
  });
}
