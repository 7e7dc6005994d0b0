/**
 * The applicant's consent to the capture and processing of their KTP image and face, shown at the
 * desk before anything is captured. Biometric data is specific personal data under UU 27/2022.
 */
export const CONSENT_VERSION = '2026-11-1';

export const CONSENT_TITLE = 'Persetujuan pemrosesan data pribadi';

export const CONSENT_PARAGRAPHS = [
  'Untuk penerbitan sertifikat elektronik BSrE, petugas akan memotret KTP Anda dan mengambil foto wajah (swafoto) Anda di meja layanan ini.',
  'Foto KTP dibaca otomatis (OCR) untuk mencocokkan data permohonan, dan foto wajah dibandingkan dengan foto pada KTP. Hasilnya hanya alat bantu: keputusan tetap diambil oleh verifikator.',
  'Sesuai Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi, data biometrik termasuk data pribadi yang bersifat spesifik. Data disimpan terenkripsi di kantor ini, hanya dapat dilihat petugas yang berwenang, setiap akses dicatat, dan foto dihapus setelah masa simpan berakhir.',
  'Data tidak dikirim ke pihak lain selain layanan BSrE untuk keperluan penerbitan sertifikat. Anda berhak meminta salinan atau penghapusan data sesuai ketentuan yang berlaku.',
  'Passphrase sertifikat hanya Anda yang tahu. Petugas dan aplikasi ini tidak pernah memintanya.',
];
