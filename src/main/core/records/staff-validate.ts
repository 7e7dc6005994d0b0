/**
 * Checks each row of a staff export before anything is written: a valid NIP, a name, a readable HP
 * and email, and the employment status (SIASN's "Kedudukan Hukum": aktif, pensiun, mutasi/pindah,
 * berhenti/meninggal). A row with any issue is skipped whole; repeated NIPs keep the first row.
 */
import type { StaffField } from '../../../shared/contract/intake-schemas';
import type { EmploymentStatus, StaffEntry, StaffImportIssue } from '../../../shared/domain/staff';
import { checkNip, normalizeNip } from '../../../shared/identity/nip';
import { digitsOf, phoneOf, textOf } from './import-validate';
import type { Cell, SheetData } from './spreadsheet-read';
import type { StaffMapping } from './staff-mapping';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** SIASN/SIMPEG wording → status; anything not recognised as leaving service counts as active. */
export function employmentStatusOf(text: string): EmploymentStatus {
  const s = text.toLowerCase();
  if (/pensiun|purna/.test(s)) return 'retired';
  if (/mutasi|pindah|keluar instansi|diperbantukan/.test(s)) return 'transferred';
  if (/meninggal|wafat|berhenti|diberhentikan|pemberhentian|mpp/.test(s)) return 'left';
  return 'active';
}

export function validateStaffSheet(
  sheet: SheetData,
  mapping: StaffMapping,
  at: string,
): { valid: StaffEntry[]; issues: StaffImportIssue[] } {
  const valid: StaffEntry[] = [];
  const issues: StaffImportIssue[] = [];
  const firstRow = new Map<string, number>();
  sheet.rows.forEach((cells, i) => {
    const row = sheet.rowNumbers[i] ?? i + 2;
    const cell = (f: StaffField): Cell | undefined => (mapping[f] === undefined ? undefined : cells[mapping[f]]);
    const rowIssues: StaffImportIssue[] = [];
    const issue = (field: StaffField | null, message: string) => rowIssues.push({ row, field, message });

    const nipRaw = digitsOf(cell('nip'), 'NIP');
    const nip = normalizeNip(nipRaw.value);
    if (nipRaw.problem) issue('nip', nipRaw.problem);
    else if (!nip) issue('nip', 'NIP wajib diisi');
    else {
      const check = checkNip(nip);
      if (!check.valid) issue('nip', `NIP ${nip}: ${check.errors[0] ?? 'tidak valid'}`);
    }
    const name = textOf(cell('name')).replace(/\s+/g, ' ');
    if (!name) issue('name', 'Nama wajib diisi');
    const email = textOf(cell('officialEmail')).toLowerCase();
    if (email && !EMAIL.test(email)) issue('officialEmail', `Format email tidak benar: ${email}`);
    const phone = phoneOf(cell('phone'));
    if (phone.problem) issue('phone', phone.problem);
    if (rowIssues.length === 0 && firstRow.has(nip))
      issue('nip', `NIP sama dengan baris ${firstRow.get(nip)} di berkas ini`);
    if (rowIssues.length > 0) {
      issues.push(...rowIssues);
      return;
    }
    firstRow.set(nip, row);
    const statusText = textOf(cell('employmentStatus'));
    valid.push({
      nip,
      name,
      rank: textOf(cell('rank')).replace(/\s+/g, ' '),
      position: textOf(cell('position')).replace(/\s+/g, ' '),
      agency: textOf(cell('agency')).replace(/\s+/g, ' '),
      officialEmail: email || null,
      phone: phone.value || null,
      employmentStatus: employmentStatusOf(statusText),
      statusNote: statusText.slice(0, 200),
      updatedAt: at,
    });
  });
  return { valid, issues };
}
