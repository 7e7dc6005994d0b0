/**
 * Deterministic fake people for the synthetic KTP fixtures. Each person gets a structurally valid
 * NIK built from real region codes (regions.json), a birth date and sex that the NIK encodes, and
 * the other e-KTP fields as they are printed on the card. `fields` is the OCR ground truth: keys are
 * exactly KTP_FIELDS, values normalized as the OCR should return them (upper case as printed,
 * provinsi without "PROVINSI ", kabupatenKota with "KABUPATEN "/"KOTA ", tanggalLahir ISO).
 * The coverage plan (sexes, Balinese "I KETUT"/"NI LUH" names, long names, every agama and blood
 * group) is fixed by index so that even a small set exercises the parser's hard cases.
 */
import type { KtpField } from '../../src/shared/domain/identity';
import regions from '../../src/shared/regions/regions.json';
import { FACE_IDS, type FaceId } from './faces';
import { createRng, type Rng } from './prng';

export type KtpFields = Record<KtpField, string>;

export interface Person {
  id: string;
  face: FaceId;
  fields: KtpFields;
  /** What is printed but is not a field value. */
  printed: {
    /** "PROVINSI JAWA TIMUR" */
    provinceLine: string;
    /** "KABUPATEN TRENGGALEK" */
    regencyLine: string;
    /** "09-06-1971" as on the "Tempat/Tgl Lahir" line. */
    tanggalLahir: string;
    /** Under the photo: the issuing regency/city without prefix, and the issue date DD-MM-YYYY. */
    issuePlace: string;
    issueDate: string;
  };
}

interface RegionTable {
  provinces: Record<string, string>;
  regencies: Record<string, string>;
  districts: Record<string, string>;
}
const table: RegionTable = regions;

/** Letters and spaces only, so the ground truth has no apostrophes or hyphens to argue about. */
const CLEAN = /^[A-Za-z ]+$/;
/** Java and Bali issue most KTPs; weight them so the set looks like a Javanese service desk's queue. */
const JAVA_BALI = ['32', '33', '34', '35', '36', '51'];
/** DKI Jakarta cards print "PROVINSI DKI JAKARTA" / "JAKARTA SELATAN", unlike the table's names. */
const EXCLUDED_PROVINCES = new Set(['31']);

export const AGAMA = ['ISLAM', 'KRISTEN', 'KATOLIK', 'HINDU', 'BUDDHA', 'KONGHUCU'] as const;
export const STATUS_PERKAWINAN = ['BELUM KAWIN', 'KAWIN', 'CERAI HIDUP', 'CERAI MATI'] as const;
export const GOLONGAN_DARAH = ['A', 'B', 'AB', 'O', '-'] as const;
export const JENIS_KELAMIN = ['LAKI-LAKI', 'PEREMPUAN'] as const;
export const PEKERJAAN = [
  'PEGAWAI NEGERI SIPIL',
  'KARYAWAN SWASTA',
  'WIRASWASTA',
  'PELAJAR/MAHASISWA',
  'MENGURUS RUMAH TANGGA',
  'PETANI/PEKEBUN',
  'GURU',
  'PEDAGANG',
  'KARYAWAN BUMN',
  'BURUH HARIAN LEPAS',
  'PERAWAT',
  'DOSEN',
] as const;

const MALE_GIVEN = [
  'AGUS',
  'BUDI',
  'DWI',
  'EKO',
  'HENDRA',
  'RUDI',
  'YUDI',
  'ARIF',
  'BAMBANG',
  'SLAMET',
  'WAHYU',
  'FAJAR',
  'IMAM',
  'JOKO',
  'TAUFIK',
  'RIZKY',
];
const FEMALE_GIVEN = [
  'SITI',
  'DEWI',
  'SRI',
  'RINA',
  'NUR',
  'FITRI',
  'INDAH',
  'LESTARI',
  'PUTRI',
  'AYU',
  'WULAN',
  'YULIA',
  'RATNA',
  'ENDANG',
  'NINGSIH',
  'MAYA',
];
const MALE_SECOND = [
  'SANTOSO',
  'PRASETYO',
  'WIBOWO',
  'HIDAYAT',
  'SETIAWAN',
  'KURNIAWAN',
  'PURNOMO',
  'SAPUTRA',
  'NUGROHO',
  'FAUZI',
  'SUGIHARTO',
  'RAMADHAN',
];
const FEMALE_SECOND = [
  'RAHMAWATI',
  'SUSANTI',
  'HANDAYANI',
  'LESTARI',
  'WATI',
  'SARI',
  'PERTIWI',
  'ANGGRAINI',
  'KURNIASIH',
  'MULYANI',
  'PRATIWI',
  'WULANDARI',
];
const LONG_MALE = [
  'MUHAMMAD RIZKY ADITYA PRATAMA SETIAWAN',
  'RADEN MAS BAGUS HARYO KUSUMONEGORO WIBOWO',
  'ANDREAS CHRISTIAN PARULIAN SIMANJUNTAK',
];
const LONG_FEMALE = [
  'RADEN AYU SRI WAHYUNINGSIH KUSUMAWARDHANI',
  'MARIA MAGDALENA THERESIA KRISTIANINGSIH',
  'NUR AINI FITRIANA RAHMAWATI HANDAYANI',
];
const BALI_MALE = ['SUDARSANA', 'ARYA WIGUNA', 'SUKADANA', 'PUTRA ASTAWA'];
const BALI_FEMALE = ['SRI ARYANI', 'AYU LESTARI', 'DWI ANTARI', 'SUKARNI'];
const STREETS = [
  'MAWAR',
  'MELATI',
  'DIPONEGORO',
  'SUDIRMAN',
  'GAJAH MADA',
  'AHMAD YANI',
  'PAHLAWAN',
  'MERDEKA',
  'KENANGA',
  'CEMPAKA',
  'RAYA',
  'SILIWANGI',
];
const HAMLETS = ['KRAJAN', 'SUMBERREJO', 'NGASEM', 'KARANGANYAR', 'GONDANG', 'TEGALREJO', 'SIDOMULYO', 'PANDANSARI'];
const VILLAGES = [
  'SUMBERSARI',
  'KARANGREJO',
  'TEGALSARI',
  'NGADIREJO',
  'WONOREJO',
  'SUKAMAJU',
  'MEKARSARI',
  'SIDOREJO',
  'PURWOSARI',
  'MARGOMULYO',
  'JATIMULYO',
  'CIPTAGALIH',
  'BANJARSARI',
  'KEDUNGREJO',
];
const BALI_VILLAGES = ['PELIATAN', 'SANUR KAJA', 'KESIMAN', 'BATUBULAN', 'PENEBEL', 'SIDAKARYA'];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** "Kabupaten Trenggalek" → "TRENGGALEK"; "Kota Madiun" → "MADIUN". */
export function regencyPlace(regency: string): string {
  return regency.replace(/^(Kabupaten|Kota)\s+/i, '').toUpperCase();
}

function codesUnder(map: Record<string, string>, prefix: string, digits: number): string[] {
  return Object.keys(map).filter((c) => c.length === digits && c.startsWith(prefix) && CLEAN.test(map[c] ?? ''));
}

interface Region {
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
}

function pickRegion(rng: Rng, provinceCode?: string): Region {
  const provinces = Object.keys(table.provinces).filter((c) => !EXCLUDED_PROVINCES.has(c));
  for (;;) {
    const p = provinceCode ?? (rng.chance(0.5) ? rng.pick(JAVA_BALI) : rng.pick(provinces));
    const regencies = codesUnder(table.regencies, p, 4);
    if (regencies.length === 0) continue;
    const r = rng.pick(regencies);
    const districts = codesUnder(table.districts, r, 6).filter((d) => (table.districts[d] ?? '').length <= 24);
    if (districts.length === 0) continue;
    return { provinceCode: p, regencyCode: r, districtCode: rng.pick(districts) };
  }
}

/** A birth place: usually the card's own regency, sometimes another short, clean one. */
function pickBirthPlace(rng: Rng, ownRegency: string): string {
  if (rng.chance(0.6)) return regencyPlace(ownRegency);
  const candidates = Object.values(table.regencies).filter((n) => CLEAN.test(n) && regencyPlace(n).length <= 16);
  return regencyPlace(rng.pick(candidates));
}

function makeName(rng: Rng, female: boolean, style: 'bali' | 'long' | 'plain'): string {
  if (style === 'bali') return female ? `NI LUH ${rng.pick(BALI_FEMALE)}` : `I KETUT ${rng.pick(BALI_MALE)}`;
  if (style === 'long') return rng.pick(female ? LONG_FEMALE : LONG_MALE);
  const given = rng.pick(female ? FEMALE_GIVEN : MALE_GIVEN);
  if (rng.chance(0.15)) return given; // single names are common on KTPs
  const seconds = female ? FEMALE_SECOND : MALE_SECOND;
  let second = rng.pick(seconds);
  while (second === given) second = rng.pick(seconds);
  return `${given} ${second}`;
}

function makeAddress(rng: Rng, long: boolean): string {
  if (long) {
    return `JL. RAYA ${rng.pick(STREETS)} KOMPLEKS PERUMAHAN GRIYA ASRI BLOK ${rng.pick(['A', 'B', 'C', 'D'])}${rng.int(1, 9)} NO. ${rng.int(1, 40)}`;
  }
  switch (rng.int(0, 3)) {
    case 0:
      return `JL. ${rng.pick(STREETS)} NO. ${rng.int(1, 150)}`;
    case 1:
      return `DSN. ${rng.pick(HAMLETS)}`;
    case 2:
      return `DUSUN ${rng.pick(HAMLETS)} NO. ${rng.int(1, 60)}`;
    default:
      return `JL. ${rng.pick(STREETS)} GG. ${rng.pick(['I', 'II', 'III', 'IV', 'V'])} NO. ${rng.int(1, 30)}`;
  }
}

function pickStatus(rng: Rng, age: number): (typeof STATUS_PERKAWINAN)[number] {
  if (age < 23) return rng.chance(0.85) ? 'BELUM KAWIN' : 'KAWIN';
  const r = rng.next();
  if (r < 0.2) return 'BELUM KAWIN';
  if (r < 0.8) return 'KAWIN';
  return r < 0.9 ? 'CERAI HIDUP' : 'CERAI MATI';
}

function pickJob(rng: Rng, age: number, female: boolean): string {
  if (age < 23 && rng.chance(0.7)) return 'PELAJAR/MAHASISWA';
  const jobs = PEKERJAAN.filter((j) => j !== 'PELAJAR/MAHASISWA' && (female || j !== 'MENGURUS RUMAH TANGGA'));
  return rng.pick(jobs);
}

/** Reference year for ages; fixed so the people never depend on the day the generator runs. */
const REFERENCE_YEAR = 2024;

export function makePerson(seed: number, index: number): Person {
  const rng = createRng(seed, `person-${index}`);
  const female = index % 2 === 1;
  // Coverage plan by index: Balinese names at 2 and 5 (male, female), long names at 3 and 8.
  const style: 'bali' | 'long' | 'plain' =
    index % 12 === 2 || index % 12 === 5 ? 'bali' : index % 12 === 3 || index % 12 === 8 ? 'long' : 'plain';
  const region = pickRegion(rng, style === 'bali' ? '51' : undefined);
  const provinsi = (table.provinces[region.provinceCode] ?? '').toUpperCase();
  const regency = table.regencies[region.regencyCode] ?? '';
  const kabupatenKota = regency.toUpperCase();
  const kecamatan = (table.districts[region.districtCode] ?? '').toUpperCase();

  const year = rng.int(1958, 2005);
  const month = rng.int(1, 12);
  const day = rng.int(1, daysInMonth(year, month));
  const serial = pad(rng.int(1, 2999), 4);
  const nik = `${region.districtCode}${pad(female ? day + 40 : day)}${pad(month)}${pad(year % 100)}${serial}`;
  const age = REFERENCE_YEAR - year;

  const agama = style === 'bali' ? 'HINDU' : (AGAMA[[0, 1, 0, 2, 0, 0, 4, 5, 1, 0, 0, 0][index % 12] ?? 0] ?? 'ISLAM');
  const issueYear = Math.max(year + 17, rng.int(2012, 2023));
  const issueMonth = rng.int(1, 12);
  const issueDay = rng.int(1, daysInMonth(issueYear, issueMonth));

  const fields: KtpFields = {
    provinsi,
    kabupatenKota,
    nik,
    nama: makeName(rng, female, style),
    tempatLahir: pickBirthPlace(rng, regency),
    tanggalLahir: `${year}-${pad(month)}-${pad(day)}`,
    jenisKelamin: female ? 'PEREMPUAN' : 'LAKI-LAKI',
    golonganDarah: GOLONGAN_DARAH[index % GOLONGAN_DARAH.length] ?? '-',
    alamat: makeAddress(rng, index % 12 === 7),
    rtRw: `${pad(rng.int(1, 15), 3)}/${pad(rng.int(1, 12), 3)}`,
    kelDesa: rng.pick(style === 'bali' ? BALI_VILLAGES : VILLAGES),
    kecamatan,
    agama,
    statusPerkawinan: pickStatus(rng, age),
    pekerjaan: pickJob(rng, age, female),
    kewarganegaraan: 'WNI',
    berlakuHingga: 'SEUMUR HIDUP',
  };
  return {
    id: `ktp-${pad(index + 1)}`,
    face: FACE_IDS[index % FACE_IDS.length] ?? 'astronaut',
    fields,
    printed: {
      provinceLine: `PROVINSI ${provinsi}`,
      regencyLine: kabupatenKota,
      tanggalLahir: `${pad(day)}-${pad(month)}-${year}`,
      issuePlace: regencyPlace(regency),
      issueDate: `${pad(issueDay)}-${pad(issueMonth)}-${issueYear}`,
    },
  };
}

export function makePeople(seed: number, count: number): Person[] {
  return Array.from({ length: count }, (_, i) => makePerson(seed, i));
}
