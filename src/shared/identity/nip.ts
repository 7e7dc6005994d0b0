/**
 * Structural check of the 18-digit NIP (Nomor Induk Pegawai) of an Indonesian civil servant,
 * laid out as YYYYMMDD (birth date) YYYYMM (TMT CPNS, the appointment month) S (sex: 1 = male,
 * 2 = female) NNN (serial). Certificate applicants are civil servants, so counter staff type the
 * NIP — often with the customary spaces, '19710609 199201 1 002' — and this catches typos before
 * the application goes to BSrE. There is no check digit: a plausible NIP is not proof of identity.
 */

export interface NipParts {
  /** YYYY-MM-DD */
  birthDate: string;
  /** YYYY-MM */
  appointment: string;
  sex: 'L' | 'P';
  serial: string;
}

export interface NipCheck {
  valid: boolean;
  errors: string[];
  warnings: string[];
  /** Present whenever the input is 18 digits and birth date, appointment month and sex digit all decode. */
  parts?: NipParts;
}

const MIN_APPOINTMENT_AGE = 18;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Removes all whitespace (NIPs are usually written '19710609 199201 1 002'). */
export function normalizeNip(s: string): string {
  return s.replace(/\s+/g, '');
}

/** '197106091992011002' → '19710609 199201 1 002'; anything that is not 18 digits is returned unchanged. */
export function formatNip(nip: string): string {
  const s = normalizeNip(nip);
  if (!/^\d{18}$/.test(s)) return nip;
  return `${s.slice(0, 8)} ${s.slice(8, 14)} ${s.slice(14, 15)} ${s.slice(15)}`;
}

export function checkNip(nip: string): NipCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  const s = normalizeNip(nip);
  if (!/^\d{18}$/.test(s)) {
    return { valid: false, errors: ['NIP harus 18 digit angka'], warnings };
  }

  const [by, bm, bd] = [Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8))];
  const birthOk = bm >= 1 && bm <= 12 && bd >= 1 && bd <= daysInMonth(by, bm);
  if (!birthOk) errors.push(`Tanggal lahir pada NIP (${s.slice(0, 8)}) bukan tanggal yang valid`);

  const [ay, am] = [Number(s.slice(8, 12)), Number(s.slice(12, 14))];
  const appointmentOk = am >= 1 && am <= 12;
  if (!appointmentOk) errors.push(`Bulan TMT CPNS pada NIP (${s.slice(8, 14)}) tidak valid`);

  const sexDigit = s.slice(14, 15);
  const sex: NipParts['sex'] | undefined = sexDigit === '1' ? 'L' : sexDigit === '2' ? 'P' : undefined;
  if (sex === undefined) errors.push(`Digit jenis kelamin pada NIP harus 1 atau 2, bukan ${sexDigit}`);

  const serial = s.slice(15, 18);
  if (serial === '000') errors.push('Nomor urut NIP (3 digit terakhir) tidak boleh 000');

  const birthDate = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  const appointment = `${s.slice(8, 12)}-${s.slice(12, 14)}`;
  if (birthOk && appointmentOk) {
    // TMT CPNS is the first day of the appointment month.
    if (ay < by || (ay === by && (am < bm || (am === bm && bd > 1)))) {
      errors.push(`TMT CPNS pada NIP (${appointment}) lebih awal dari tanggal lahir (${birthDate})`);
    } else {
      const age = ay - by - (am < bm || (am === bm && bd > 1) ? 1 : 0);
      if (age < MIN_APPOINTMENT_AGE) {
        warnings.push(`Umur saat TMT CPNS menurut NIP ${age} tahun; periksa kembali`);
      }
    }
  }

  const result: NipCheck = { valid: errors.length === 0, errors, warnings };
  if (birthOk && appointmentOk && sex !== undefined) result.parts = { birthDate, appointment, sex, serial };
  return result;
}
