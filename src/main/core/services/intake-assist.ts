/**
 * What the intake form asks of the core before it saves: read the KTP scan (the identity desk's
 * OCR; the reading is remembered by the image's hash so the saved application keeps it for step 7),
 * read the letter (PDF text layer, or a scanned image through the OCR), check one file on its own field, the sealed draft, the office's
 * intake settings and the next agenda number.
 */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { KtpOcrResult } from '../../../shared/domain/identity';
import { todayIn } from '../../../shared/domain/time';
import { KTP_CONFIDENCE_REVIEW } from '../../../shared/identity/ktp/parser';
import { formatAgendaNumber } from '../../../shared/intake/agenda-number';
import type { ServiceContext } from '../context';
import { fail, Failure } from '../failure';
import type { Db } from '../store/db';
import { inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import {
  deleteDraft,
  lastAgendaSequence,
  readDraft,
  readIntakeSettings,
  saveDraft,
  saveIntakeSettings,
} from '../store/repos/intake';
import { readOffice } from '../store/repos/office';
import { checkImage, checkUpload } from './uploads';

/** KTP readings by the image's sha256, per database, until the application is saved (or 100 newer ones). */
const readings = new WeakMap<Db, Map<string, KtpOcrResult>>();
const MAX_READINGS = 100;

export function rememberedReading(db: Db, sha256: string): KtpOcrResult | null {
  return readings.get(db)?.get(sha256) ?? null;
}

export async function readKtp(
  ctx: ServiceContext,
  input: ChannelParsed<'intake.readKtp'>,
): Promise<ChannelResult<'intake.readKtp'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const checked = checkImage({ kind: 'ktp', ...input.image }, 'image');
  let ocr: KtpOcrResult;
  try {
    ocr = await ctx.identity.readKtp(checked.bytes);
  } catch (error) {
    if (error instanceof Failure) throw error;
    fail('IMAGE_UNREADABLE');
  }
  const cache = readings.get(ctx.db) ?? new Map<string, KtpOcrResult>();
  readings.set(ctx.db, cache);
  cache.delete(checked.sha256);
  cache.set(checked.sha256, ocr);
  while (cache.size > MAX_READINGS) cache.delete(cache.keys().next().value as string);
  await writeAudit(ctx.db, {
    at: ctx.clock.now().toISOString(),
    userId: caller.userId,
    action: 'intake.ktp_read',
    entity: 'intake',
    entityId: null,
    detail: { sha256: checked.sha256, engine: ocr.engine },
  });
  const unsure = Object.entries(ocr.fields)
    .filter(([, f]) => f.value === null || f.confidence < KTP_CONFIDENCE_REVIEW)
    .map(([k]) => k);
  return { ocr, unsure };
}

export async function readLetter(
  ctx: ServiceContext,
  input: ChannelParsed<'intake.readLetter'>,
): Promise<ChannelResult<'intake.readLetter'>> {
  const checked = checkUpload(input.file, 'file');
  // PDF parsing and page OCR run in the reader thread.
  return ctx.reader.readLetter(checked.bytes, checked.mimeType);
}

/** One file checked as intake will check it, so a refusal shows on its own field at once. */
export function checkFile(
  ctx: ServiceContext,
  input: ChannelParsed<'intake.checkFile'>,
): ChannelResult<'intake.checkFile'> {
  const checked = checkUpload(input.file, 'file');
  return { fileName: checked.fileName, mimeType: checked.mimeType, size: checked.bytes.length, sha256: checked.sha256 };
}

export async function draftGet(ctx: ServiceContext): Promise<ChannelResult<'intake.draftGet'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const found = await readDraft(ctx.db, ctx.dataKey, caller.userId);
  return found
    ? { draft: found.draft as Record<string, unknown>, updatedAt: found.updatedAt }
    : { draft: null, updatedAt: null };
}

export async function draftSave(
  ctx: ServiceContext,
  input: ChannelParsed<'intake.draftSave'>,
): Promise<ChannelResult<'intake.draftSave'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const at = ctx.clock.now().toISOString();
  await saveDraft(ctx.db, ctx.dataKey, caller.userId, input.draft, at);
  return { savedAt: at };
}

export async function draftClear(ctx: ServiceContext): Promise<ChannelResult<'intake.draftClear'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  await deleteDraft(ctx.db, caller.userId);
  return { cleared: true };
}

export async function getSettings(ctx: ServiceContext): Promise<ChannelResult<'intake.getSettings'>> {
  return await readIntakeSettings(ctx.db);
}

export async function updateSettings(
  ctx: ServiceContext,
  input: ChannelParsed<'intake.updateSettings'>,
): Promise<ChannelResult<'intake.updateSettings'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const at = ctx.clock.now().toISOString();
  await inTransaction(ctx.db, async () => {
    const before = await readIntakeSettings(ctx.db);
    await saveIntakeSettings(ctx.db, input, at, caller.userId);
    await writeAudit(ctx.db, {
      at,
      userId: caller.userId,
      action: 'intake.settings_updated',
      entity: 'intake_settings',
      entityId: '1',
      detail: { before, after: input },
    });
  });
  return await readIntakeSettings(ctx.db);
}

/** The agenda number the next letter gets, in the office's format and year. */
export async function nextAgendaNumber(
  db: Db,
  now: Date,
): Promise<{ agendaNumber: string; year: number; sequence: number }> {
  const office = (await readOffice(db)) ?? fail('SETUP_REQUIRED');
  const today = todayIn(office.timeZone, now);
  const year = Number(today.slice(0, 4));
  const sequence = (await lastAgendaSequence(db, year)) + 1;
  return {
    agendaNumber: formatAgendaNumber((await readIntakeSettings(db)).agendaFormat, sequence, today),
    year,
    sequence,
  };
}

export async function nextAgenda(ctx: ServiceContext): Promise<ChannelResult<'intake.nextAgenda'>> {
  return { agendaNumber: (await nextAgendaNumber(ctx.db, ctx.clock.now())).agendaNumber };
}
