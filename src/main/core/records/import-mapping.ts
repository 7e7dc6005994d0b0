/**
 * Suggests which spreadsheet column fills which recap field, from the Indonesian headers offices
 * use ("Nama Lengkap", "Unit Kerja", "No. HP/WA", "Berlaku s.d." …). The user confirms or changes it.
 */
import { IMPORT_FIELDS, type ImportField } from '../../../shared/domain/recap';

export type ColumnMapping = Partial<Record<ImportField, number>>;

/** Header text reduced to lowercase letters and digits: "No. HP / WA" → "nohpwa". */
export function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');
}

/** Per field: exact normalized headers first, then fragments a header may contain. */
const SYNONYMS: Record<ImportField, { exact: string[]; contains: string[] }> = {
  name: {
    exact: ['nama', 'namalengkap', 'namapegawai', 'namapemohon', 'namaasn', 'namapemegang'],
    contains: ['namalengkap', 'namapegawai'],
  },
  nik: {
    exact: ['nik', 'noktp', 'nomorktp', 'nomorindukkependudukan', 'nikktp'],
    contains: ['nik', 'ktp', 'kependudukan'],
  },
  nip: { exact: ['nip', 'nipbaru', 'nomorindukpegawai', 'nipnrp'], contains: ['nip', 'indukpegawai'] },
  agency: {
    exact: ['opd', 'unitkerja', 'instansi', 'skpd', 'perangkatdaerah', 'satuankerja', 'satker'],
    contains: ['opd', 'unitkerja', 'instansi', 'skpd', 'perangkatdaerah', 'satuankerja'],
  },
  position: { exact: ['jabatan', 'namajabatan'], contains: ['jabatan'] },
  officialEmail: { exact: ['email', 'emaildinas', 'surel', 'alamatemail', 'emailresmi'], contains: ['email', 'surel'] },
  phone: {
    exact: ['nohp', 'hp', 'nomorhp', 'nohpwa', 'wa', 'whatsapp', 'telepon', 'notelp', 'notelepon', 'telp', 'nowa'],
    contains: ['hp', 'whatsapp', 'telepon', 'telp', 'wa'],
  },
  issuedAt: {
    exact: ['tanggalterbit', 'tglterbit', 'terbit', 'tanggalpenerbitan', 'tanggalissue', 'tanggalaktif'],
    contains: ['terbit', 'penerbitan', 'issue'],
  },
  expiresAt: {
    exact: [
      'berlakusd',
      'berlakusampai',
      'berlakuhingga',
      'tanggalkedaluwarsa',
      'tanggalkadaluarsa',
      'kedaluwarsa',
      'kadaluarsa',
      'masaberlaku',
      'tglexpired',
      'expired',
    ],
    contains: [
      'berlakus',
      'berlakuhingga',
      'kedaluwarsa',
      'kadaluarsa',
      'kadaluwarsa',
      'expired',
      'masaberlaku',
      'berakhir',
    ],
  },
};

/** Fields checked in this order for "contains" so the narrow ones win ("NIP" before "NIK"…). */
const CONTAINS_ORDER: ImportField[] = [
  'expiresAt',
  'issuedAt',
  'officialEmail',
  'phone',
  'nip',
  'nik',
  'position',
  'agency',
  'name',
];

export function suggestMapping(header: readonly string[]): ColumnMapping {
  const normalized = header.map(normalizeHeader);
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  const take = (field: ImportField, index: number) => {
    mapping[field] = index;
    used.add(index);
  };
  for (const field of IMPORT_FIELDS) {
    const index = normalized.findIndex((h, i) => !used.has(i) && SYNONYMS[field].exact.includes(h));
    if (index >= 0) take(field, index);
  }
  for (const field of CONTAINS_ORDER) {
    if (mapping[field] !== undefined) continue;
    const index = normalized.findIndex(
      (h, i) => !used.has(i) && h !== '' && SYNONYMS[field].contains.some((c) => h.includes(c)),
    );
    if (index >= 0) take(field, index);
  }
  if (mapping.name === undefined) {
    const index = normalized.findIndex((h, i) => !used.has(i) && h.startsWith('nama'));
    if (index >= 0) take('name', index);
  }
  return mapping;
}
