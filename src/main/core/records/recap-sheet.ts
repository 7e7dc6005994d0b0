/**
 * An imported recap file read and checked without the store — the part that runs in a task worker
 * thread: the spreadsheet parsed, the column mapping (suggested when none is given) checked, every
 * row validated. Whether a NIK is already in the recap needs the store's blind index (the data key)
 * and is decided afterwards on the main thread (markKnownNiks), in chunks.
 */
import { IMPORT_FIELD_LABELS, REQUIRED_IMPORT_FIELDS } from '../../../shared/domain/recap';
import { fail } from '../failure';
import { type ColumnMapping, suggestMapping } from './import-mapping';
import { validateSheet, type ValidationResult } from './import-validate';
import { readSpreadsheet, type SheetData, UnreadableSpreadsheet } from './spreadsheet-read';

export interface RecapSheetInput {
  bytes: Uint8Array;
  /** null: suggest one from the header. */
  mapping: ColumnMapping | null;
  /** The commit refuses a mapping without every required field; the preview reports them. */
  requireAll: boolean;
  now: Date;
}

export interface RecapSheet {
  header: string[];
  mapping: ColumnMapping;
  totalRows: number;
  /** Labels of required fields not mapped (only when !requireAll); then nothing is validated. */
  missing: string[];
  validation: ValidationResult | null;
}

export async function readSheet(bytes: Uint8Array): Promise<SheetData> {
  try {
    const sheet = await readSpreadsheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (sheet.header.length === 0 || sheet.rows.length === 0) fail('IMPORT_EMPTY');
    return sheet;
  } catch (error) {
    if (error instanceof UnreadableSpreadsheet) fail('IMPORT_UNREADABLE');
    throw error;
  }
}

function checkMapping(mapping: ColumnMapping, columns: number, requireAll: boolean): string[] {
  const outside = Object.entries(mapping).filter(([, index]) => index !== undefined && index >= columns);
  if (outside.length)
    fail(
      'VALIDATION_FAILED',
      'Pemetaan kolom menunjuk kolom yang tidak ada di berkas.',
      Object.fromEntries(outside.map(([f]) => [`mapping.${f}`, 'Kolom tidak ada'])),
    );
  const missing = REQUIRED_IMPORT_FIELDS.filter((f) => mapping[f] === undefined);
  if (requireAll && missing.length)
    fail(
      'VALIDATION_FAILED',
      `Kolom wajib belum dipetakan: ${missing.map((f) => IMPORT_FIELD_LABELS[f]).join(', ')}.`,
      Object.fromEntries(missing.map((f) => [`mapping.${f}`, 'Pilih kolom'])),
    );
  return missing.map((f) => IMPORT_FIELD_LABELS[f]);
}

export async function readRecapSheet(input: RecapSheetInput): Promise<RecapSheet> {
  const sheet = await readSheet(input.bytes);
  const mapping = input.mapping ?? suggestMapping(sheet.header);
  const missing = checkMapping(mapping, sheet.header.length, input.requireAll);
  const base = { header: sheet.header, mapping, totalRows: sheet.rows.length, missing };
  if (missing.length) return { ...base, validation: null };
  const validation = await validateSheet(sheet, mapping, { now: input.now, inRecap: () => new Set() });
  return { ...base, validation };
}

/**
 * Moves the rows whose NIK the recap already holds from `valid` to `issues` (the same issue the
 * validator reports), asking the store in chunks and yielding between them.
 */
export async function markKnownNiks(
  validation: ValidationResult,
  inRecap: (niks: string[]) => Promise<Set<string>>,
  between: (processed: number) => Promise<void>,
  chunk = 1000,
): Promise<ValidationResult> {
  const valid: ValidationResult['valid'] = [];
  const issues = [...validation.issues];
  for (let start = 0; start < validation.valid.length; start += chunk) {
    const batch = validation.valid.slice(start, start + chunk);
    const known = await inRecap(batch.map((h) => h.nik));
    for (const h of batch) {
      if (known.has(h.nik))
        issues.push({ row: h.rowNumber, field: 'nik', message: 'NIK ini sudah ada di rekap pengguna TTE' });
      else valid.push(h);
    }
    await between(start + batch.length);
  }
  issues.sort((a, b) => a.row - b.row);
  return { ...validation, valid, issues };
}
