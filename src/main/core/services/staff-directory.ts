/**
 * The staff directory: the Admin imports the office's SIASN/SIMPEG export (preview with a suggested
 * column mapping and a per-row report, the file parsed and checked in a worker thread, then all valid
 * rows in one transaction; a re-import updates by NIP), the desk looks a NIP up at intake, and the Kasi reads which recap holders retired or moved.
 */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { StaffFlag } from '../../../shared/domain/staff';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import type { StaffSheet, StaffSheetInput } from '../records/staff-sheet';
import { inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import {
  countStaff,
  findStaff,
  flaggedHolders,
  insertStaffImport,
  knownNips,
  upsertStaff,
} from '../store/repos/staff-directory';
import { transferablesOf } from '../workers/protocol';
import { newId } from './ids';

const MAX_ISSUES = 500;

function decode(dataBase64: string): Buffer {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length === 0) fail('FILE_EMPTY');
  return bytes;
}

/** Parsed and checked in a worker thread (records/staff-sheet.ts); the bytes move there without a copy. */
function readSheet(ctx: ServiceContext, input: StaffSheetInput): Promise<StaffSheet> {
  return ctx.workers.run('staff.readSheet', input, transferablesOf(input.bytes));
}

export async function importPreview(
  ctx: ServiceContext,
  input: ChannelParsed<'staff.importPreview'>,
): Promise<ChannelResult<'staff.importPreview'>> {
  const sheet = await readSheet(ctx, {
    bytes: decode(input.dataBase64),
    mapping: input.mapping ?? null,
    requireAll: false,
    at: ctx.clock.now().toISOString(),
  });
  const { mapping, valid, issues } = sheet;
  const columns = sheet.header.map((h, i) => h || `Kolom ${i + 1}`);
  if (!sheet.mapped)
    return {
      columns,
      mapping,
      totalRows: sheet.totalRows,
      validRows: 0,
      newRows: 0,
      updatedRows: 0,
      issues: [{ row: 1, field: null, message: 'Kolom NIP dan Nama belum dipetakan' }],
    };
  const known = await knownNips(
    ctx.db,
    valid.map((v) => v.nip),
  );
  return {
    columns,
    mapping,
    totalRows: sheet.totalRows,
    validRows: valid.length,
    newRows: valid.length - known.size,
    updatedRows: known.size,
    issues: issues.slice(0, MAX_ISSUES),
  };
}

export async function importCommit(
  ctx: ServiceContext,
  input: ChannelParsed<'staff.importCommit'>,
): Promise<ChannelResult<'staff.importCommit'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const at = ctx.clock.now().toISOString();
  const sheet = await readSheet(ctx, { bytes: decode(input.dataBase64), mapping: input.mapping, requireAll: true, at });
  const { valid, issues } = sheet;
  if (valid.length === 0) fail('IMPORT_NOTHING_VALID');
  const importId = newId();
  const skipped = sheet.totalRows - valid.length;
  const updated = await inTransaction(ctx.db, async () => {
    const known = (
      await knownNips(
        ctx.db,
        valid.map((v) => v.nip),
      )
    ).size;
    await upsertStaff(ctx.db, ctx.dataKey, valid, importId);
    await insertStaffImport(ctx.db, {
      id: importId,
      at,
      byUserId: caller.userId,
      fileName: input.fileName,
      totalRows: sheet.totalRows,
      inserted: valid.length - known,
      updated: known,
      skipped,
    });
    await writeAudit(ctx.db, {
      at,
      userId: caller.userId,
      action: 'staff.imported',
      entity: 'staff_import',
      entityId: importId,
      detail: {
        fileName: input.fileName,
        totalRows: sheet.totalRows,
        updated: known,
        skipped,
        mapping: input.mapping,
      },
    });
    return known;
  });
  return {
    importId,
    totalRows: sheet.totalRows,
    inserted: valid.length - updated,
    updated,
    skipped,
    issues: issues.slice(0, MAX_ISSUES),
    message: `${valid.length - updated} pegawai baru, ${updated} diperbarui, ${skipped} baris dilewati.`,
  };
}

/** The intake's NIP lookup; the HP it returns is personal data, so each lookup is audited. */
export async function lookup(
  ctx: ServiceContext,
  input: ChannelParsed<'staff.lookup'>,
): Promise<ChannelResult<'staff.lookup'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const found = await findStaff(ctx.db, ctx.dataKey, input.nip);
  await writeAudit(ctx.db, {
    at: ctx.clock.now().toISOString(),
    userId: caller.userId,
    action: 'staff.lookup',
    entity: 'staff',
    entityId: input.nip,
    detail: { found: Boolean(found) },
  });
  const warning =
    found && found.employmentStatus !== 'active'
      ? `Menurut data kepegawaian, pegawai ini berstatus "${found.statusNote || found.employmentStatus}". Periksa sebelum melanjutkan.`
      : null;
  return { found, warning };
}

export async function flags(ctx: ServiceContext): Promise<ChannelResult<'staff.flags'>> {
  const list: StaffFlag[] = (await flaggedHolders(ctx.db)).map((f) => ({
    ...f,
    suggestion: f.employmentStatus === 'transferred' ? 'dataChange' : 'revocation',
  }));
  return { directorySize: await countStaff(ctx.db), flags: list };
}
