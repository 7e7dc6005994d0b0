/**
 * KTP OCR text as Tesseract returns it (PSM 6, line by line), for the parser tests: one clean read
 * and helpers to damage it the ways real reads are damaged. Confidences are Tesseract's 0..100.
 */
import type { TextLine } from '../../../src/shared/identity/ktp/parser';

export const CLEAN_TEXT = [
  'PROVINSI JAWA TIMUR',
  'KABUPATEN TRENGGALEK',
  'NIK : 3503010906710217',
  'Nama : BUDI SANTOSO',
  'Tempat/Tgl Lahir : TRENGGALEK, 09-06-1971',
  'Jenis Kelamin : LAKI-LAKI Gol. Darah : O',
  'Alamat : JL. RAYA PANGGUL NO. 12',
  'RT/RW : 003/007',
  'Kel/Desa : WONOREJO',
  'Kecamatan : PANGGUL',
  'Agama : ISLAM',
  'Status Perkawinan : KAWIN',
  'Pekerjaan : PEGAWAI NEGERI SIPIL',
  'Kewarganegaraan : WNI',
  'Berlaku Hingga : SEUMUR HIDUP',
];

export const CLEAN_EXPECTED = {
  provinsi: 'JAWA TIMUR',
  kabupatenKota: 'KABUPATEN TRENGGALEK',
  nik: '3503010906710217',
  nama: 'BUDI SANTOSO',
  tempatLahir: 'TRENGGALEK',
  tanggalLahir: '1971-06-09',
  jenisKelamin: 'LAKI-LAKI',
  golonganDarah: 'O',
  alamat: 'JL. RAYA PANGGUL NO. 12',
  rtRw: '003/007',
  kelDesa: 'WONOREJO',
  kecamatan: 'PANGGUL',
  agama: 'ISLAM',
  statusPerkawinan: 'KAWIN',
  pekerjaan: 'PEGAWAI NEGERI SIPIL',
  kewarganegaraan: 'WNI',
  berlakuHingga: 'SEUMUR HIDUP',
} as const;

export function lines(texts: readonly string[], confidence = 90): TextLine[] {
  return texts.map((text) => ({ text, confidence }));
}

/** Replaces the line starting with `label` (case-sensitive prefix). */
export function replaceLine(texts: readonly string[], label: string, replacement: string): string[] {
  return texts.map((t) => (t.startsWith(label) ? replacement : t));
}

/** A deterministic PRNG (mulberry32) for the fuzz tests. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
