/** Live reading of a typed NIK and NIP for the intake form: what they encode and what disagrees. */
import { formatDate } from '../../shared/domain/time';
import { compareNikNip } from '../../shared/identity/cross-check';
import { checkNik } from '../../shared/identity/nik';
import { checkNip } from '../../shared/identity/nip';

export function nikHint(nik: string): string | null {
  const check = checkNik(nik ?? '');
  if (!check.valid || !check.parts) return null;
  const p = check.parts;
  const place = [p.districtName && `Kec. ${p.districtName}`, p.regencyName].filter(Boolean).join(', ');
  return `Lahir ${formatDate(p.birthDate)} · ${p.sex === 'L' ? 'Laki-laki' : 'Perempuan'}${place ? ` · ${place}` : ''}`;
}

export function nikWarnings(nik: string, nip: string): string[] {
  const n = checkNik(nik ?? '');
  const warnings = [...(n.valid ? n.warnings : [])];
  const p = checkNip((nip ?? '').replace(/\s+/g, ''));
  if (n.valid && p.valid) warnings.push(...compareNikNip(n, p));
  return warnings;
}
