/**
 * For a civil-servant applicant both the NIK and the NIP encode the birth date and sex, and the
 * two must agree; a mismatch almost always means one of them was mistyped or belongs to someone
 * else. This compares the decoded parts and returns warnings (in Bahasa Indonesia) for the
 * counter staff to resolve; it says nothing when either number could not be decoded, since the
 * individual checks already report that.
 */
import type { NikCheck } from './nik';
import type { NipCheck } from './nip';

const SEX_LABEL = { L: 'laki-laki', P: 'perempuan' } as const;

export function compareNikNip(nik: NikCheck, nip: NipCheck): string[] {
  const a = nik.parts;
  const b = nip.parts;
  if (!a || !b) return [];
  const warnings: string[] = [];
  if (a.birthDate !== b.birthDate) {
    warnings.push(`Tanggal lahir pada NIK (${a.birthDate}) berbeda dengan NIP (${b.birthDate})`);
  }
  if (a.sex !== b.sex) {
    warnings.push(`Jenis kelamin pada NIK (${SEX_LABEL[a.sex]}) berbeda dengan NIP (${SEX_LABEL[b.sex]})`);
  }
  return warnings;
}
