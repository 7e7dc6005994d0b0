/**
 * Common parts of Indonesian personal names (Javanese, Sundanese, Balinese, Malay/Arabic-derived,
 * Batak and Christian given names), for re-splitting a name whose word gap OCR lost
 * ("PUTRAASTAWA" → "PUTRA ASTAWA"). Not a dictionary of every name: a glued token is only split
 * when every piece is here (name-split.ts). Endings that also glue into one-word names
 * (RAHMA+WATI, PURNAMA+SARI) are listed apart: a split never produces them on their own.
 */
// prettier-ignore
export const NAME_PARTS: readonly string[] = [
  // Given names and common second words
  'ABDUL', 'ABDULLAH', 'ACHMAD', 'ADE', 'ADI', 'ADITYA', 'AGUNG', 'AGUS', 'AHMAD', 'AINI', 'AJI', 'AKBAR',
  'ALDI', 'ALI', 'ALIF', 'AMALIA', 'ANANDA', 'ANDI', 'ANDREAS', 'ANGGA', 'ANGGRAINI', 'ANISA', 'ANITA',
  'ANTON', 'ANUGRAH', 'APRILIA', 'ARIEF', 'ARIF', 'ARIFIN', 'ARYA', 'ASTAWA', 'ASTUTI', 'AYU', 'AZIZ',
  'BAGUS', 'BAMBANG', 'BAYU', 'BENNY', 'BUDI', 'BUDIMAN', 'CAHYA', 'CAHYO', 'CANDRA', 'CHRISTIAN', 'DANI',
  'DEDI', 'DEDY', 'DENI', 'DESI', 'DEWA', 'DEWI', 'DIAN', 'DIANA', 'DIMAS', 'DWI', 'EKA', 'EKO', 'ELISABETH',
  'ENDANG', 'ERNA', 'ERWIN', 'FADLI', 'FAHMI', 'FAJAR', 'FAISAL', 'FARHAN', 'FATIMAH', 'FAUZI', 'FEBRIANTI',
  'FIRMAN', 'FITRI', 'FITRIANA', 'GEDE', 'GILANG', 'GUNAWAN', 'GUSTI', 'HADI', 'HANDAYANI', 'HARIS', 'HARTONO',
  'HARYO', 'HASAN', 'HENDRA', 'HERI', 'HERU', 'HIDAYAT', 'IBNU', 'IKA', 'IMAM', 'INDAH', 'INDRA', 'IRFAN',
  'IRWAN', 'ISMAIL', 'JOKO', 'JULIA', 'KADEK', 'KARTIKA', 'KETUT', 'KOMANG', 'KRISTIANINGSIH', 'KURNIA',
  'KURNIASIH', 'KURNIAWAN', 'KUSUMA', 'KUSUMAWARDHANI', 'KUSUMONEGORO', 'LESTARI', 'LINDA', 'LUH', 'LUKMAN',
  'MADE', 'MAGDALENA', 'MAHARANI', 'MARIA', 'MAS', 'MAULANA', 'MAYA', 'MEGA', 'MELATI', 'MOHAMMAD', 'MUHAMAD',
  'MUHAMMAD', 'MULYADI', 'MULYANI', 'NANDA', 'NENGAH', 'NI', 'NINA', 'NOVI', 'NUGRAHA', 'NUGROHO', 'NUR',
  'NURUL', 'NYOMAN', 'PANDU', 'PARULIAN', 'PERMATA', 'PERTIWI', 'PRASETYA', 'PRASETYO', 'PRATAMA', 'PRATIWI',
  'PUJI', 'PURNAMA', 'PURNOMO', 'PUTRA', 'PUTRI', 'PUTU', 'RADEN', 'RAHAYU', 'RAHMAT', 'RAHMAWATI', 'RAMADHAN',
  'RATNA', 'RATU', 'REZA', 'RIA', 'RINA', 'RINI', 'RISKA', 'RIZAL', 'RIZKI', 'RIZKY', 'ROSA', 'RUDI', 'SAPUTRA',
  'SAPUTRI', 'SARAGIH', 'SEKAR', 'SETIAWAN', 'SETIADI', 'SIAGIAN', 'SIHOMBING', 'SIMANJUNTAK', 'SINAGA', 'SITI',
  'SLAMET', 'SRI', 'SUDARSANA', 'SUGIHARTO', 'SUHARTO', 'SULISTYO', 'SUPRIYADI', 'SURYA', 'SUSANTI', 'SUSANTO',
  'SUTRISNO', 'SYAHPUTRA', 'TAUFIK', 'THERESIA', 'TRI', 'TEGUH', 'UTAMI', 'UTAMA', 'WAHYU', 'WAHYUDI',
  'WAHYUNI', 'WAHYUNINGSIH', 'WARDANA', 'WAYAN', 'WIBOWO', 'WIDYA', 'WIJAYA', 'WULAN', 'WULANDARI', 'YANTI',
  'YOGA', 'YUDI', 'YULI', 'YULIA', 'YUSUF', 'ZAINAL',
];

/** Pieces that are also endings of one-word names: never split off on their own. */
// prettier-ignore
export const NAME_ENDINGS: ReadonlySet<string> = new Set([
  'WATI', 'SARI', 'NINGSIH', 'NINGRUM', 'YANTO', 'YANTI', 'WAN', 'ASIH', 'TO', 'DI', 'NI', 'SIH',
  'RINI', 'ANTI', 'ANTO', 'ATI', 'IAH', 'YAH', 'NAH', 'YATI', 'DANI', 'RIA', 'INA', 'ANA', 'AN', 'DIN',
]);
