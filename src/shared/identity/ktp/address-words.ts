/**
 * Words Indonesian addresses are commonly built from (housing estates, streets, hamlets), for
 * re-splitting an alamat whose word gap OCR lost ("PERUMAHAN GRIYAASRI" → "GRIYA ASRI"). A glued
 * token is only split when every piece is here (name-split.ts). Pieces that also glue into one-word
 * place names (SUMBER+REJO, SUKA+MAJU, MEKAR+SARI) are listed apart: a split never produces them on
 * their own, so SUMBERREJO stays one word.
 */
// prettier-ignore
export const ADDRESS_WORDS: readonly string[] = [
  'ALAM', 'ANGGREK', 'ASRI', 'BAHAGIA', 'BAKTI', 'BARAT', 'BARU', 'BENDUNGAN', 'BHAKTI', 'BLOK', 'BUKIT',
  'BUMI', 'CEMARA', 'CEMPAKA', 'CITRA', 'DAHLIA', 'DESA', 'DUSUN', 'ELOK', 'FLAMBOYAN', 'GADING',
  'GANG', 'GARDEN', 'GRAHA', 'GRIYA', 'HARAPAN', 'HIJAU', 'HILL', 'INDAH', 'JALAN', 'KAMPUNG',
  'KARYA', 'KEBON', 'KENANGA', 'KENCANA', 'KOMPLEKS', 'LAMA', 'LEMBAH', 'LESTARI', 'MAKMUR',
  'MANDIRI', 'MAWAR', 'MELATI', 'MERDEKA', 'MUTIARA', 'NUSA', 'PASAR', 'PERMAI', 'PERMATA', 'PERUM',
  'PERUMAHAN', 'PESONA', 'PONDOK', 'PURI', 'RAYA', 'REGENCY', 'RESIDENCE', 'SEJAHTERA', 'SELATAN',
  'SENTOSA', 'SUMBER', 'TAMAN', 'TENGAH', 'TIMUR', 'UTARA', 'VILLA', 'WISMA',
];

/** Second halves of one-word place names: never split off on their own. */
// prettier-ignore
export const ADDRESS_ENDINGS: ReadonlySet<string> = new Set([
  'AGUNG', 'ASIH', 'JATI', 'JAYA', 'KARTA', 'MAJU', 'MULYA', 'MULYO', 'REJA', 'REJO', 'SARI', 'WANGI',
]);
