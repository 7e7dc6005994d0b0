/**
 * Retention (UU 27/2022): document bytes, KTP images, selfies and OCR readings are purged a set
 * number of days after the application closes; metadata, decisions and scores stay. The Admin sets
 * the days and can purge now; a daily job (retention-job.ts) runs the same purge.
 */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { PurgeRunResult } from '../../../shared/domain/privacy';
import { requireTrustedClock } from '../clock-guard';
import type { ServiceContext, Services } from '../context';
import { fail } from '../failure';
import { inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import {
  applicationsDueForPurge,
  insertPurgeLog,
  listPurgeLog,
  purgeApplicationData,
  readRetentionSettings,
  saveRetentionSettings,
} from '../store/repos/retention';
import { newId } from './ids';

const BATCH = 50;
const DAY_MS = 86_400_000;

export async function getSettings(ctx: ServiceContext): Promise<ChannelResult<'retention.get'>> {
  return await readRetentionSettings(ctx.db);
}

export async function updateSettings(
  ctx: ServiceContext,
  input: ChannelParsed<'retention.update'>,
): Promise<ChannelResult<'retention.update'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  return await inTransaction(ctx.db, async () => {
    const at = ctx.clock.now().toISOString();
    const before = (await readRetentionSettings(ctx.db)).documentDays;
    await saveRetentionSettings(ctx.db, input.documentDays, at, caller.userId);
    await writeAudit(ctx.db, {
      at,
      userId: caller.userId,
      action: 'retention.settings_updated',
      entity: 'retention',
      entityId: null,
      detail: { before, after: input.documentDays },
    });
    return await readRetentionSettings(ctx.db);
  });
}

/**
 * Purges every application closed more than the set days ago, one transaction per batch: each
 * application gets a purge_log row and an audit entry in the same transaction as its purge.
 * Idempotent: a purged application is no longer due. `byUserId` null is the daily job.
 */
export async function runRetentionPurge(services: Services, byUserId: string | null): Promise<PurgeRunResult> {
  // Irreversible and driven by the clock: never on a clock the Admin has not confirmed.
  await requireTrustedClock(services.db);
  const now = services.clock.now();
  const at = now.toISOString();
  const days = (await readRetentionSettings(services.db)).documentDays;
  const closedBefore = new Date(now.getTime() - days * DAY_MS).toISOString();
  const total: PurgeRunResult = { at, closedBefore, applications: 0, documents: 0, bytes: 0, identityChecks: 0 };
  for (;;) {
    const done = await inTransaction(services.db, async () => {
      const due = await applicationsDueForPurge(services.db, closedBefore, BATCH);
      for (const applicationId of due) {
        const counts = await purgeApplicationData(services.db, services.dataKey, applicationId, at);
        await insertPurgeLog(services.db, {
          id: newId(),
          at,
          reason: 'retention',
          applicationId,
          documents: counts.documents,
          bytes: counts.bytes,
          byUserId,
        });
        await writeAudit(services.db, {
          at,
          userId: byUserId,
          action: 'retention.purged',
          entity: 'application',
          entityId: applicationId,
          detail: { ...counts, days, closedBefore },
        });
        total.applications++;
        total.documents += counts.documents;
        total.bytes += counts.bytes;
        total.identityChecks += counts.identityChecks;
      }
      return due.length < BATCH;
    });
    if (done) return total;
  }
}

export async function purgeNow(ctx: ServiceContext): Promise<ChannelResult<'retention.purgeNow'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const result = await runRetentionPurge(ctx, caller.userId);
  await writeAudit(ctx.db, {
    at: result.at,
    userId: caller.userId,
    action: 'retention.run',
    entity: 'retention',
    entityId: null,
    detail: { ...result },
  });
  return result;
}

export async function log(
  ctx: ServiceContext,
  input: ChannelParsed<'retention.log'>,
): Promise<ChannelResult<'retention.log'>> {
  return await listPurgeLog(ctx.db, input.limit);
}
