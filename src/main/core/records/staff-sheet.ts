/**
 * A staff export (SIASN/SIMPEG) read and checked without the store — the part that runs in a task
 * worker thread: parsed, the column mapping (suggested when none is given) checked, every row
 * validated. Which NIPs are already known is asked of the store afterwards, on the main thread.
 */
import { STAFF_FIELD_LABELS, type StaffEntry, type StaffImportIssue } from '../../../shared/domain/staff';
import { fail } from '../failure';
import { readSheet } from './recap-sheet';
import { type StaffMapping, suggestStaffMapping } from './staff-mapping';
import { validateStaffSheet } from './staff-validate';

export interface StaffSheetInput {
  bytes: Uint8Array;
  mapping: StaffMapping | null;
  /** The preview answers a mapping without NIP or name with an issue; the commit refuses it. */
  requireAll: boolean;
  at: string;
}

export interface StaffSheet {
  header: string[];
  mapping: StaffMapping;
  totalRows: number;
  /** False when NIP or name is not mapped (only when !requireAll); then nothing is validated. */
  mapped: boolean;
  valid: StaffEntry[];
  issues: StaffImportIssue[];
}

function checkMapping(mapping: StaffMapping, columns: number): void {
  const outside = Object.entries(mapping).filter(([, i]) => i !== undefined && i >= columns);
  if (outside.length)
    fail(
      'VALIDATION_FAILED',
      'Pemetaan kolom menunjuk kolom yang tidak ada di berkas.',
      Object.fromEntries(outside.map(([f]) => [`mapping.${f}`, 'Kolom tidak ada'])),
    );
  const missing = (['nip', 'name'] as const).filter((f) => mapping[f] === undefined);
  if (missing.length)
    fail(
      'VALIDATION_FAILED',
      `Kolom wajib belum dipetakan: ${missing.map((f) => STAFF_FIELD_LABELS[f]).join(', ')}.`,
      Object.fromEntries(missing.map((f) => [`mapping.${f}`, 'Pilih kolom'])),
    );
}

export async function readStaffSheet(input: StaffSheetInput): Promise<StaffSheet> {
  const sheet = await readSheet(input.bytes);
  const mapping = input.mapping ?? suggestStaffMapping(sheet.header);
  const base = { header: sheet.header, mapping, totalRows: sheet.rows.length };
  if (!input.requireAll && (mapping.nip === undefined || mapping.name === undefined))
    return { ...base, mapped: false, valid: [], issues: [] };
  checkMapping(mapping, sheet.header.length);
  const { valid, issues } = validateStaffSheet(sheet, mapping, input.at);
  return { ...base, mapped: true, valid, issues };
}
