/**
 * Structural check of an Indonesian NIK (Nomor Induk Kependudukan, 16 digits), run before a
 * certificate application is accepted so that typos are caught at the counter rather than
 * rejected later by BSrE. The NIK has no check digit, so this only proves the number is
 * plausible: known region codes (province, regency/city, district), a real birth date
 * (DDMMYY, day + 40 for women) and a non-zero serial. It cannot prove the NIK belongs to the
 * applicant. Messages are in Bahasa Indonesia because they are shown to counter staff as-is.
 */
import { districtName, provinceName, regencyName } from '../regions';

export interface NikParts {
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  provinceName?: string;
  regencyName?: string;
  districtName?: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'L' | 'P';
  serial: string;
}

/** How the KTP prints the sex a NIK encodes. */
export const SEX_LABEL = { L: 'LAKI-LAKI', P: 'PEREMPUAN' } as const;

export interface NikCheck {
  valid: boolean;
  errors: string[];
  warnings: string[];
  /** Present whenever the input is 16 digits and its birth date decodes, even if other checks fail. */
  parts?: NikParts;
}

const MIN_AGE = 17;
const MAX_AGE = 100;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Papua (91) and Papua Barat (92) before the 2022 split into six provinces. */
const PRE_SPLIT_PROVINCES = new Set(['91', '92']);

export function checkNik(nik: string, today: Date = new Date()): NikCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  const s = nik.trim();
  if (!/^\d{16}$/.test(s)) {
    return { valid: false, errors: ['NIK harus 16 digit angka'], warnings };
  }

  const provinceCode = s.slice(0, 2);
  const regencyCode = s.slice(0, 4);
  const districtCode = s.slice(0, 6);
  const names = {
    provinceName: provinceName(provinceCode),
    regencyName: regencyName(regencyCode),
    districtName: districtName(districtCode),
  };
  // Codes are hierarchical: report only the highest level that is unknown. NIKs are not reissued
  // when a region splits, so Papua and Papua Barat NIKs keep codes the 2022 split retired: there an
  // unknown regency or district is a warning for the verifier to check against the KTP, not an error.
  const retired = PRE_SPLIT_PROVINCES.has(provinceCode);
  if (names.provinceName === undefined) {
    errors.push(`Kode provinsi ${provinceCode} pada NIK tidak dikenal`);
  } else if (names.regencyName === undefined) {
    (retired ? warnings : errors).push(
      `Kode kabupaten/kota ${regencyCode} pada NIK tidak dikenal${retired ? ' (mungkin kode lama sebelum pemekaran Papua 2022; cocokkan dengan KTP)' : ''}`,
    );
  } else if (names.districtName === undefined) {
    (retired ? warnings : errors).push(
      `Kode kecamatan ${districtCode} pada NIK tidak dikenal${retired ? ' (mungkin kode lama sebelum pemekaran Papua 2022; cocokkan dengan KTP)' : ''}`,
    );
  }

  const serial = s.slice(12, 16);
  if (serial === '0000') errors.push('Nomor urut NIK (4 digit terakhir) tidak boleh 0000');

  const rawDay = Number(s.slice(6, 8));
  const month = Number(s.slice(8, 10));
  const yy = Number(s.slice(10, 12));
  const sex = rawDay > 40 ? 'P' : 'L';
  const day = sex === 'P' ? rawDay - 40 : rawDay;
  // Century: 20YY unless that date is still in the future, then 19YY (compared as y/m/d tuples).
  const [ty, tm, td] = [today.getFullYear(), today.getMonth() + 1, today.getDate()];
  const inFuture = (y: number) => y > ty || (y === ty && (month > tm || (month === tm && day > td)));
  const year = inFuture(2000 + yy) ? 1900 + yy : 2000 + yy;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    errors.push(`Tanggal lahir pada NIK (${s.slice(6, 12)}) bukan tanggal yang valid`);
    return { valid: false, errors, warnings };
  }

  // A 19YY birth read as 20YY (born 1920, decoded as 2020) shows up as a very young age. Before
  // 2100 the century rule cannot produce an age above 99, so the upper bound only guards the future.
  const age = ty - year - (tm < month || (tm === month && td < day) ? 1 : 0);
  if (age < MIN_AGE || age > MAX_AGE) warnings.push(`Umur menurut NIK ${age} tahun; periksa kembali`);

  const parts: NikParts = {
    provinceCode,
    regencyCode,
    districtCode,
    ...names,
    birthDate: `${pad(year, 4)}-${pad(month)}-${pad(day)}`,
    sex,
    serial,
  };
  return { valid: errors.length === 0, errors, warnings, parts };
}

/** '3503010906710217' → '3503••••••••0217'; anything that is not 16 characters is returned unchanged. */
export function maskNik(nik: string): string {
  if (nik.length !== 16) return nik;
  return `${nik.slice(0, 4)}${'•'.repeat(8)}${nik.slice(12)}`;
}
