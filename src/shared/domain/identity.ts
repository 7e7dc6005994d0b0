/**
 * The identity desk's data: what KTP OCR reads (every field with a confidence), the cross-check
 * rows, and the face match between the KTP portrait and the selfie. The verifier decides; these
 * assist and are stored next to the decision.
 */

export const KTP_FIELDS = [
  'provinsi',
  'kabupatenKota',
  'nik',
  'nama',
  'tempatLahir',
  'tanggalLahir',
  'jenisKelamin',
  'golonganDarah',
  'alamat',
  'rtRw',
  'kelDesa',
  'kecamatan',
  'agama',
  'statusPerkawinan',
  'pekerjaan',
  'kewarganegaraan',
  'berlakuHingga',
] as const;
export type KtpField = (typeof KTP_FIELDS)[number];

export const KTP_FIELD_LABELS: Record<KtpField, string> = {
  provinsi: 'Provinsi',
  kabupatenKota: 'Kabupaten/Kota',
  nik: 'NIK',
  nama: 'Nama',
  tempatLahir: 'Tempat lahir',
  tanggalLahir: 'Tanggal lahir',
  jenisKelamin: 'Jenis kelamin',
  golonganDarah: 'Gol. darah',
  alamat: 'Alamat',
  rtRw: 'RT/RW',
  kelDesa: 'Kel/Desa',
  kecamatan: 'Kecamatan',
  agama: 'Agama',
  statusPerkawinan: 'Status perkawinan',
  pekerjaan: 'Pekerjaan',
  kewarganegaraan: 'Kewarganegaraan',
  berlakuHingga: 'Berlaku hingga',
};

/**
 * One field as read. `value` is normalized (closed lists mapped, dates as YYYY-MM-DD, NIK digits
 * only) or null when unsure; `confidence` is 0..1; `raw` is the OCR text it came from.
 */
export interface OcrField {
  value: string | null;
  confidence: number;
  raw: string;
  /**
   * Not read off the card: the NIK's digits gave it, the card's own faint text agreeing
   * (ktp/nik-corroborate.ts). The cross-check cannot count it as the card matching its NIK.
   */
  vouchedByNik?: true;
}

export type KtpReading = Record<KtpField, OcrField>;

export interface KtpOcrResult {
  fields: KtpReading;
  /** Milliseconds spent (preprocess + recognize + parse). */
  durationMs: number;
  engine: string;
}

export type CheckOutcome = 'match' | 'mismatch' | 'unknown';

export interface CrossCheckRow {
  id: string;
  label: string;
  left: string;
  right: string;
  outcome: CheckOutcome;
}

export type FaceBand = 'cocok' | 'perluDiperiksa' | 'tidakCocok';

export const FACE_BAND_LABELS: Record<FaceBand, string> = {
  cocok: 'Cocok',
  perluDiperiksa: 'Perlu diperiksa',
  tidakCocok: 'Tidak cocok',
};

export interface FaceMatchResult {
  /** Euclidean distance of the 128-d descriptors; null when a face was not found. */
  distance: number | null;
  band: FaceBand | null;
  thresholds: { match: number; review: number };
  modelVersion: string;
  ktpFaceFound: boolean;
  selfieFaceCount: number;
  /** Suspiciously close: the KTP photo itself may have been shown as the selfie. */
  nearIdentical: boolean;
  /** The selfie face carries a display's pixel pattern: a phone or screen held up. Absent on results stored before the check. */
  screenSuspected?: boolean;
  /** Indonesian notes for the verifier (no face, several faces, near-identical …). */
  warnings: string[];
  durationMs: number;
  /** Where the face was found on the KTP image, as fractions of it (for showing the portrait); absent if not found. */
  ktpFaceBox?: { x: number; y: number; width: number; height: number };
}
