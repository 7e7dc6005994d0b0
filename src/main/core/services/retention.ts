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

export function getSettings(ctx: ServiceContext): ChannelResult<'retention.get'> {
  return readRetentionSettings(ctx.db);
}

export function updateSettings(
  ctx: ServiceContext,
  input: ChannelParsed<'retention.update'>,
): ChannelResult<'retention.update'> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  return inTransaction(ctx.db, () => {
    const at = ctx.clock.now().toISOString();
    const before = readRetentionSettings(ctx.db).documentDays;
    saveRetentionSettings(ctx.db, input.documentDays, at, caller.userId);
    writeAudit(ctx.db, {
      at,
      userId: caller.userId,
      action: 'retention.settings_updated',
      entity: 'retention',
      entityId: null,
      detail: { before, after: input.documentDays },
    });
    return readRetentionSettings(ctx.db);
  });
}

/**
 * Purges every application closed more than the set days ago, one transaction per batch: each
 * application gets a purge_log row and an audit entry in the same transaction as its purge.
 * Idempotent: a purged application is no longer due. `byUserId` null is the daily job.
 */
export function runRetentionPurge(services: Services, byUserId: string | null): PurgeRunResult {
  // Irreversible and driven by the clock: never on a clock the Admin has not confirmed.
  requireTrustedClock(services.db);
  const now = services.clock.now();
  const at = now.toISOString();
  const days = readRetentionSettings(services.db).documentDays;
  const closedBefore = new Date(now.getTime() - days * DAY_MS).toISOString();
  const total: PurgeRunResult = { at, closedBefore, applications: 0, documents: 0, bytes: 0, identityChecks: 0 };
  for (;;) {
    const done = inTransaction(services.db, () => {
      const due = applicationsDueForPurge(services.db, closedBefore, BATCH);
      for (const applicationId of due) {
        const counts = purgeApplicationData(services.db, services.dataKey, applicationId, at);
        insertPurgeLog(services.db, {
          id: newId(),
          at,
          reason: 'retention',
          applicationId,
          documents: counts.documents,
          bytes: counts.bytes,
          byUserId,
        });
        writeAudit(services.db, {
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

export function purgeNow(ctx: ServiceContext): ChannelResult<'retention.purgeNow'> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const result = runRetentionPurge(ctx, caller.userId);
  writeAudit(ctx.db, {
    at: result.at,
    userId: caller.userId,
    action: 'retention.run',
    entity: 'retention',
    entityId: null,
    detail: { ...result },
  });
  return result;
}

export function log(ctx: ServiceContext, input: ChannelParsed<'retention.log'>): ChannelResult<'retention.log'> {
  return listPurgeLog(ctx.db, input.limit);
}
