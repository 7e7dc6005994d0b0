/**
 * Roles that see NIKs masked (Kepala Dinas, Kabid) search by name or NIP only: a search by a full
 * NIK would tell them whether that person is in the records, which is the NIK itself leaking.
 */
import { canSeePersonalData, type Role } from '../../../shared/domain/roles';
import { fail } from '../failure';

export function refuseNikSearchForMasked(role: Role, query: string | undefined): void {
  if (canSeePersonalData(role)) return;
  const digits = (query ?? '').replace(/\s+/g, '');
  if (/^\d{16}$/.test(digits))
    fail('VALIDATION_FAILED', undefined, {
      query: 'Pencarian dengan NIK lengkap hanya untuk Verifikator dan Kasi. Cari dengan nama atau NIP.',
    });
}
