/**
 * Suggests which column of a SIASN/SIMPEG staff export fills which directory field, from the
 * Indonesian headers those exports use ("NIP Baru", "Nama Lengkap", "Golongan Ruang", "Jabatan",
 * "Unit Kerja", "Email", "No HP", "Status Pegawai"/"Kedudukan Hukum"). Same approach as the
 * recap import (import-mapping.ts); the Admin confirms or changes it.
 */
import type { StaffField } from '../../../shared/contract/intake-schemas';
import { normalizeHeader } from './import-mapping';

export type StaffMapping = Partial<Record<StaffField, number>>;

const SYNONYMS: Record<StaffField, { exact: string[]; contains: string[] }> = {
  nip: { exact: ['nip', 'nipbaru', 'nip18', 'nomorindukpegawai', 'nipasn'], contains: ['nipbaru', 'nip'] },
  name: {
    exact: ['nama', 'namalengkap', 'namapegawai', 'namaasn', 'namadangelar', 'namagelar'],
    contains: ['namalengkap', 'namapegawai', 'nama'],
  },
  rank: {
    exact: ['pangkat', 'golongan', 'pangkatgolongan', 'golru', 'golonganruang', 'pangkatgolru', 'gol'],
    contains: ['pangkat', 'golongan', 'golru'],
  },
  position: { exact: ['jabatan', 'namajabatan', 'jabatanterakhir'], contains: ['jabatan'] },
  agency: {
    exact: ['unitkerja', 'opd', 'skpd', 'perangkatdaerah', 'satuankerja', 'satker', 'instansi', 'unor', 'namaunor'],
    contains: ['unitkerja', 'unor', 'opd', 'skpd', 'perangkatdaerah', 'satuankerja', 'instansi'],
  },
  officialEmail: {
    exact: ['email', 'emaildinas', 'emailresmi', 'emailgov', 'surel', 'alamatemail'],
    contains: ['emaildinas', 'email', 'surel'],
  },
  phone: {
    exact: ['nohp', 'hp', 'nomorhp', 'nohpwa', 'wa', 'whatsapp', 'telepon', 'notelp', 'telp', 'nowa', 'nomortelepon'],
    contains: ['hp', 'whatsapp', 'telepon', 'telp'],
  },
  employmentStatus: {
    exact: ['status', 'statuspegawai', 'kedudukanhukum', 'statuskepegawaian', 'keterangan', 'kedudukan'],
    contains: ['kedudukan', 'statuspeg', 'statuskepeg', 'pensiun', 'mutasi'],
  },
};

/** "contains" matching in this order, so the narrow headers win ("NIP" before "Nama"). */
const ORDER: StaffField[] = ['officialEmail', 'phone', 'nip', 'rank', 'position', 'agency', 'employmentStatus', 'name'];

export function suggestStaffMapping(header: readonly string[]): StaffMapping {
  const normalized = header.map(normalizeHeader);
  const mapping: StaffMapping = {};
  const used = new Set<number>();
  for (const field of ORDER) {
    const index = normalized.findIndex((h, i) => !used.has(i) && SYNONYMS[field].exact.includes(h));
    if (index >= 0) {
      mapping[field] = index;
      used.add(index);
    }
  }
  for (const field of ORDER) {
    if (mapping[field] !== undefined) continue;
    const index = normalized.findIndex(
      (h, i) => !used.has(i) && h !== '' && SYNONYMS[field].contains.some((c) => h.includes(c)),
    );
    if (index >= 0) {
      mapping[field] = index;
      used.add(index);
    }
  }
  return mapping;
}
