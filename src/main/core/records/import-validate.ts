/**
 * Checks every row of an imported recap before anything is written: NIK and NIP structure, name
 * and OPD present, dates readable and in order, NIKs repeated in the file or already in the recap.
 * A row with any issue is skipped as a whole; the report says which row and why.
 */
import { certificateExpiry } from '../../../shared/domain/certificate';
import type { ImportField, ImportIssue } from '../../../shared/domain/recap';
import { checkNik } from '../../../shared/identity/nik';
import { checkNip, normalizeNip } from '../../../shared/identity/nip';
import { parseDateCell } from './import-dates';
import type { ColumnMapping } from './import-mapping';
import type { Cell, SheetData } from './spreadsheet-read';

export interface ImportedHolder {
  rowNumber: number;
  name: string;
  nik: string;
  nip: string;
  agency: string;
  position: string;
  officialEmail: string | null;
  phone: string;
  issuedAt: string;
  expiresAt: string;
}

export interface ValidationResult {
  valid: ImportedHolder[];
  issues: ImportIssue[];
  totalRows: number;
}

export interface ValidateOptions {
  now: Date;
  /** Which of these NIKs the recap already holds (blind index lookups in the store). */
  inRecap(niks: string[]): Set<string>;
  /** Called after each chunk; the caller may yield to the event loop here. */
  onProgress?(processed: number, total: number): Promise<void> | void;
  chunkSize?: number;
}

export const textOf = (c: Cell | undefined): string =>
  c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim();

/** Digits of a cell that should hold a long number; Excel keeps only 15 significant digits of a number cell. */
export function digitsOf(c: Cell | undefined, label: string): { value: string; problem?: string } {
  if (typeof c === 'number') {
    if (!Number.isSafeInteger(c))
      return {
        value: '',
        problem: `${label} tersimpan sebagai angka di Excel sehingga digit terakhirnya hilang. Ubah format kolom ${label} menjadi Teks lalu ketik ulang.`,
      };
    return { value: String(c) };
  }
  const s = textOf(c).replace(/^'/, '');
  if (/^\d(\.\d+)?e\+\d+$/i.test(s))
    return {
      value: '',
      problem: `${label} tertulis dalam notasi ilmiah (${s}); digitnya sudah hilang di Excel. Format kolom sebagai Teks.`,
    };
  return { value: s };
}

export function phoneOf(c: Cell | undefined): { value: string; problem?: string } {
  let s = (typeof c === 'number' ? String(c) : textOf(c)).replace(/[\s\-().]/g, '').replace(/^'/, '');
  if (s === '') return { value: '' };
  if (s.startsWith('+62')) s = `0${s.slice(3)}`;
  else if (s.startsWith('62')) s = `0${s.slice(2)}`;
  else if (s.startsWith('8')) s = `0${s}`; // a number cell drops the leading zero
  if (!/^08\d{7,12}$/.test(s)) return { value: s, problem: 'Nomor HP/WA harus nomor Indonesia, mis. 081234567890' };
  return { value: s };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** One row: the holder it describes, or the issues that keep it out. */
export function validateRow(
  cells: readonly Cell[],
  rowNumber: number,
  mapping: ColumnMapping,
  now: Date,
): { holder: ImportedHolder | null; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const at = (f: ImportField): Cell | undefined => (mapping[f] === undefined ? undefined : cells[mapping[f] as number]);
  const issue = (field: ImportField | null, message: string) => issues.push({ row: rowNumber, field, message });

  const name = textOf(at('name')).replace(/\s+/g, ' ');
  if (!name) issue('name', 'Nama wajib diisi');
  const nik = digitsOf(at('nik'), 'NIK');
  if (nik.problem) issue('nik', nik.problem);
  else if (!nik.value) issue('nik', 'NIK wajib diisi');
  else {
    const check = checkNik(nik.value, now);
    if (!check.valid) issue('nik', `NIK ${nik.value}: ${check.errors[0] ?? 'tidak valid'}`);
  }
  const nipRaw = digitsOf(at('nip'), 'NIP');
  const nip = normalizeNip(nipRaw.value);
  if (nipRaw.problem) issue('nip', nipRaw.problem);
  else if (!nip) issue('nip', 'NIP wajib diisi');
  else {
    const check = checkNip(nip);
    if (!check.valid) issue('nip', `NIP ${nip}: ${check.errors[0] ?? 'tidak valid'}`);
  }
  const agency = textOf(at('agency')).replace(/\s+/g, ' ');
  if (!agency) issue('agency', 'OPD/unit kerja wajib diisi');
  const email = textOf(at('officialEmail')).toLowerCase();
  if (email && !EMAIL.test(email)) issue('officialEmail', `Format email tidak benar: ${email}`);
  const phone = phoneOf(at('phone'));
  if (phone.problem) issue('phone', phone.problem);

  const issuedCell = at('issuedAt');
  const issuedAt = parseDateCell(issuedCell ?? null);
  if (textOf(issuedCell) === '') issue('issuedAt', 'Tanggal terbit wajib diisi');
  else if (!issuedAt)
    issue(
      'issuedAt',
      `Tanggal terbit tidak dapat dibaca: "${textOf(issuedCell)}" (gunakan mis. 12/01/2025 atau 12 Januari 2025)`,
    );
  const expiresCell = at('expiresAt');
  let expiresAt =
    textOf(expiresCell) === '' ? (issuedAt ? certificateExpiry(issuedAt) : null) : parseDateCell(expiresCell ?? null);
  if (textOf(expiresCell) !== '' && !expiresAt)
    issue('expiresAt', `Tanggal berlaku s.d. tidak dapat dibaca: "${textOf(expiresCell)}"`);
  if (issuedAt && expiresAt && expiresAt < issuedAt) {
    issue('expiresAt', 'Tanggal berlaku s.d. lebih awal dari tanggal terbit');
    expiresAt = null;
  }

  if (issues.length > 0 || !issuedAt || !expiresAt) return { holder: null, issues };
  return {
    holder: {
      rowNumber,
      name,
      nik: nik.value,
      nip,
      agency,
      position: textOf(at('position')),
      officialEmail: email || null,
      phone: phone.value,
      issuedAt,
      expiresAt,
    },
    issues,
  };
}

/** Every row, in chunks; then NIKs repeated in the file and NIKs already in the recap. */
export async function validateSheet(
  sheet: SheetData,
  mapping: ColumnMapping,
  options: ValidateOptions,
): Promise<ValidationResult> {
  const chunk = options.chunkSize ?? 1000;
  const total = sheet.rows.length;
  const candidates: ImportedHolder[] = [];
  const issues: ImportIssue[] = [];
  const firstRowOfNik = new Map<string, number>();
  for (let start = 0; start < total; start += chunk) {
    const end = Math.min(total, start + chunk);
    const batch: ImportedHolder[] = [];
    for (let i = start; i < end; i++) {
      const rowNumber = sheet.rowNumbers[i] ?? i + 2;
      const { holder, issues: rowIssues } = validateRow(sheet.rows[i] ?? [], rowNumber, mapping, options.now);
      issues.push(...rowIssues);
      if (!holder) continue;
      const first = firstRowOfNik.get(holder.nik);
      if (first !== undefined)
        issues.push({ row: rowNumber, field: 'nik', message: `NIK sama dengan baris ${first} di berkas ini` });
      else {
        firstRowOfNik.set(holder.nik, rowNumber);
        batch.push(holder);
      }
    }
    const known = options.inRecap(batch.map((h) => h.nik));
    for (const h of batch) {
      if (known.has(h.nik))
        issues.push({ row: h.rowNumber, field: 'nik', message: 'NIK ini sudah ada di rekap pengguna TTE' });
      else candidates.push(h);
    }
    await options.onProgress?.(end, total);
  }
  issues.sort((a, b) => a.row - b.row);
  return { valid: candidates, issues, totalRows: total };
}
