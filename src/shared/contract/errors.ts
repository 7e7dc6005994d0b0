/**
 * Stable error codes and their Bahasa Indonesia messages. Codes never change meaning; the text
 * may be improved. The core fills `message` from here and the renderer can re-map by code.
 */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: 'Data yang dikirim belum benar. Periksa kolom yang ditandai.',
  UNKNOWN_CHANNEL: 'Permintaan tidak dikenal oleh aplikasi.',
  NOT_AUTHENTICATED: 'Anda belum masuk. Silakan masuk terlebih dahulu.',
  SESSION_EXPIRED: 'Sesi Anda telah berakhir. Silakan masuk kembali.',
  SESSION_LOCKED: 'Layar terkunci karena tidak ada aktivitas. Masukkan kata sandi untuk membuka.',
  FORBIDDEN: 'Peran Anda tidak berwenang melakukan tindakan ini.',
  INVALID_CREDENTIALS: 'Nama pengguna atau kata sandi salah.',
  ACCOUNT_DISABLED: 'Akun ini dinonaktifkan. Hubungi Admin TTE.',
  SETUP_REQUIRED: 'Aplikasi belum disiapkan. Lengkapi data kantor dan Admin pertama.',
  ALREADY_SET_UP: 'Aplikasi sudah disiapkan sebelumnya.',
  USERNAME_TAKEN: 'Nama pengguna sudah dipakai. Pilih nama lain.',
  LAST_ADMIN: 'Admin aktif terakhir tidak boleh dinonaktifkan atau diubah perannya.',
  NOT_FOUND: 'Data yang dicari tidak ditemukan.',
  STEP_MISMATCH: 'Langkah ini sudah diproses orang lain. Muat ulang permohonan untuk melihat langkah terkini.',
  WRONG_ROLE_FOR_STEP: 'Langkah SOP ini dikerjakan oleh peran lain.',
  REQUIREMENTS_INCOMPLETE: 'Kelengkapan langkah ini belum terpenuhi.',
  IDENTITY_EVIDENCE_MISSING:
    'Verifikasi identitas belum lengkap. Selesaikan di Meja Verifikasi (persetujuan, foto KTP, konfirmasi data, swafoto dan pencocokan wajah), atau pilih verifikasi manual dengan alasan.',
  APPLICATION_CLOSED: 'Permohonan ini sudah selesai atau ditolak; tidak ada langkah yang bisa diproses.',
  NOT_RETURNED: 'Permohonan ini tidak sedang dikembalikan kepada pemohon.',
  APPLICATION_RETURNED: 'Permohonan sedang dikembalikan kepada pemohon; tunggu berkas perbaikan.',
  FILE_TOO_LARGE: 'Berkas terlalu besar.',
  FILE_TYPE_NOT_ALLOWED: 'Jenis berkas tidak diizinkan. Gunakan PDF, JPEG, atau PNG.',
  FILE_EMPTY: 'Berkas kosong.',
  IMAGE_UNREADABLE: 'Gambar tidak dapat dibaca (rusak atau terpotong). Ambil ulang foto atau unggah berkas lain.',
  DOCUMENT_MISSING: 'Dokumen wajib belum diunggah.',
  PAYLOAD_TOO_LARGE: 'Data yang dikirim terlalu besar.',
  DATABASE_TOO_NEW: 'Basis data dibuat oleh versi aplikasi yang lebih baru. Perbarui aplikasi.',
  INTERNAL_ERROR: 'Terjadi kesalahan di aplikasi. Tidak ada data yang disimpan; coba lagi.',
  BSRE_PENDING: 'Permintaan ke BSrE untuk permohonan ini masih diproses. Tunggu jawabannya.',
  BSRE_DRIVEN_STEP: 'Langkah ini diperbarui otomatis dari status BSrE. Gunakan "Periksa status BSrE".',
  BSRE_NOT_ISSUED: 'Sertifikat belum berstatus ISSUE di BSrE; penyerahan belum bisa dicatat.',
  BSRE_NOT_CONNECTED: 'Layanan BSrE belum tersambung. Periksa Pengaturan BSrE.',
  BSRE_UNAVAILABLE: 'BSrE tidak dapat dihubungi saat ini. Coba lagi nanti; tidak ada data yang hilang.',
  BSRE_REGISTRATION_NOT_OPEN:
    'Tidak ada pendaftaran BSrE yang menunggu keputusan untuk permohonan ini. Muat ulang permohonan.',
  EMAIL_REQUIRED: 'Pendaftaran BSrE memerlukan email dinas pemohon. Lengkapi email dinas terlebih dahulu.',
  TRAINING_ONLY: 'Panel pelatih hanya tersedia dalam Mode Latihan.',
  NETWORK_ERROR: 'Tidak dapat menghubungi layanan aplikasi. Periksa apakah aplikasi masih berjalan.',
  IMPORT_UNREADABLE:
    'Berkas tidak dapat dibaca sebagai XLSX atau CSV. Simpan ulang dari Excel sebagai .xlsx atau CSV (UTF-8).',
  IMPORT_EMPTY: 'Berkas tidak berisi baris data di bawah baris judul kolom.',
  IMPORT_RUNNING: 'Impor rekap lain sedang berjalan. Tunggu sampai selesai.',
  IMPORT_NOTHING_VALID: 'Tidak ada baris yang valid untuk diimpor. Perbaiki berkas sesuai laporan pemeriksaan.',
  EXPORT_TOO_LARGE: 'Terlalu banyak baris untuk satu berkas PDF. Persempit OPD atau periode, atau unduh XLSX.',
  VERIFIER_INVALID: 'Verifikator tujuan tidak dikenal, tidak aktif, atau bukan verifikator.',
  VERIFIER_UNCHANGED: 'Permohonan ini sudah ditugaskan kepada verifikator tersebut.',
  VERIFIER_NOT_ASSIGNED: 'Permohonan ini belum ditugaskan kepada verifikator; tugaskan melalui langkah disposisi Kasi.',
  MESSAGE_NOT_APPLICABLE: 'Templat pesan ini tidak sesuai dengan keadaan permohonan saat ini.',
  PHONE_REQUIRED: 'Nomor HP/WhatsApp pemohon belum tercatat atau tidak benar. Lengkapi nomor HP terlebih dahulu.',
  SMTP_FAILED:
    'Email tidak terkirim lewat server email kantor. Percobaan ini tercatat di log pesan; periksa Pengaturan email lalu coba lagi.',
  NOT_HANDED_OVER: 'Sertifikat permohonan ini belum diserahkan; tanda terima dapat dicetak setelah penyerahan dicatat.',
  ACCOUNT_LOCKED_TEMPORARILY:
    'Terlalu banyak percobaan masuk yang gagal. Akun dikunci sementara 15 menit; coba lagi nanti.',
  DOCUMENT_PURGED:
    'Berkas sudah dihapus sesuai masa retensi data pribadi (atau atas permintaan pemohon); yang tersimpan hanya keterangan berkasnya.',
  PRIVACY_NOTHING_HELD: 'Tidak ada data yang tersimpan untuk NIK ini.',
  ERASURE_APPLICATION_OPEN:
    'Data belum dapat dihapus: masih ada permohonan yang sedang diproses atau dikembalikan untuk NIK ini. Selesaikan atau tolak permohonan itu terlebih dahulu.',
  HOST_SECRET_INVALID:
    'Permintaan ditolak: tidak berasal dari halaman aplikasi ini. Buka ulang alamat yang ditampilkan saat aplikasi dijalankan.',
  HOST_NOT_ALLOWED:
    'Permintaan ditolak: alamat atau asal halaman tidak dikenal. Buka aplikasi lewat alamat 127.0.0.1 yang ditampilkan.',
  FILE_CORRUPT: 'Berkas rusak atau tidak lengkap. Simpan ulang atau pindai ulang dokumen, lalu unggah kembali.',
  IMAGE_TOO_LARGE: 'Resolusi gambar terlalu besar untuk diproses. Gunakan foto dengan resolusi lebih kecil.',
  BACKUP_RUNNING: 'Pencadangan lain sedang berjalan. Tunggu sampai selesai.',
  BACKUP_DIRECTORY_MISSING:
    'Folder cadangan tidak ditemukan. Periksa Pengaturan cadangan atau sambungkan kembali disknya.',
  BACKUP_INTEGRITY_FAILED:
    'Pemeriksaan integritas basis data gagal; cadangan tidak dibuat/dipulihkan. Hubungi pengelola aplikasi.',
  BACKUP_NOT_A_BACKUP: 'Berkas ini bukan berkas cadangan Loket TTE (.lbk) atau terpotong.',
  BACKUP_TOO_NEW: 'Berkas cadangan dibuat oleh versi aplikasi yang lebih baru. Perbarui aplikasi sebelum memulihkan.',
  BACKUP_WRONG_KEY:
    'Kunci data tidak cocok dengan berkas cadangan ini. Gunakan kunci data kantor yang dipakai saat cadangan dibuat.',
  BACKUP_CORRUPT:
    'Berkas cadangan rusak atau telah diubah (pemeriksaan keaslian gagal). Tidak ada data yang dipulihkan; gunakan cadangan lain.',
  BACKUP_AUDIT_BROKEN:
    'Rantai log audit di dalam cadangan tidak utuh. Tidak ada data yang dipulihkan; gunakan cadangan lain.',
  BACKUP_TOOL_MISSING:
    'Program klien PostgreSQL (pg_dump/pg_restore) tidak ditemukan di server. Pasang postgresql-client lalu coba lagi.',
  BACKUP_DUMP_FAILED: 'pg_dump gagal membuat salinan basis data. Tidak ada berkas cadangan yang ditulis.',
  BACKUP_RESTORE_FAILED: 'pg_restore gagal memulihkan cadangan. Basis data tujuan dibiarkan kosong.',
  BACKUP_TARGET_NOT_EMPTY:
    'Basis data tujuan sudah berisi tabel. Pulihkan ke basis data (atau skema) PostgreSQL yang kosong.',
  BACKUP_WRONG_ENGINE:
    'Cadangan ini dibuat untuk mesin basis data lain: cadangan SQLite dipulihkan ke berkas .sqlite, cadangan PostgreSQL ke alamat postgresql://.',
  BACKUP_TARGET_EXISTS: 'Berkas tujuan pemulihan sudah ada. Pilih nama lain atau gunakan --force untuk menimpanya.',
  DATA_KEY_MISMATCH:
    'Kunci data tidak cocok dengan basis data (atau hilang). Aplikasi tidak dijalankan agar data tidak tersimpan dengan kunci yang salah. Pulihkan berkas kunci yang benar lalu jalankan ulang.',
  DATABASE_IN_USE:
    'Basis data sedang dipakai oleh proses lain (aplikasi atau rotasi kunci). Tutup proses itu terlebih dahulu.',
  DATABASE_VERSION_MISMATCH:
    'Versi basis data sumber tidak sama dengan versi aplikasi ini. Buka sekali dengan aplikasi versi ini, lalu ulangi.',
  DATABASE_UNREACHABLE:
    'Server basis data PostgreSQL tidak dapat dihubungi atau menolak sambungan. Periksa alamat, nama pengguna dan sandinya, lalu jalankan ulang.',
  DISK_FULL: 'Disk penyimpanan data penuh. Tidak ada yang disimpan; kosongkan ruang disk lalu coba lagi.',
  DATA_DIR_READ_ONLY:
    'Folder data aplikasi tidak dapat ditulisi (hanya-baca atau tanpa izin). Tidak ada yang disimpan; periksa izin folder atau disknya.',
  DATABASE_CORRUPT:
    'Basis data rusak. Aplikasi dihentikan agar kerusakan tidak bertambah; pulihkan dari cadangan terakhir (npm run backup:restore).',
  IDEMPOTENCY_KEY_REUSED: 'Kode permintaan ini sudah dipakai untuk tindakan lain. Ulangi tindakan dari layar.',
  ALREADY_SAVED:
    'Permintaan ini sudah tersimpan sebelumnya; tidak ada yang disimpan dua kali. Muat ulang tampilan untuk melihat hasilnya.',
  CLOCK_UNCONFIRMED:
    'Jam komputer tampak bergeser jauh dari catatan terakhir. Penghapusan data terjadwal ditahan sampai Admin TTE memastikan jam sudah benar.',
  APPLICATION_ALREADY_OPEN:
    'Pemohon ini masih punya permohonan yang terbuka. Lanjutkan permohonan itu; permohonan baru tidak dibuat.',
  PAIRING_CODE_INVALID:
    'Kode pemasangan salah, sudah dipakai, atau kedaluwarsa — atau sidik jari sertifikat server tidak cocok. Minta Admin TTE membuat kode baru dan periksa alamat server.',
  PAIRING_THROTTLED: 'Terlalu banyak percobaan pemasangan dari perangkat ini. Tunggu 10 menit lalu coba lagi.',
  DEVICE_UNKNOWN: 'Perangkat ini belum dipasangkan dengan server kantor. Pasangkan dengan kode dari Admin TTE.',
  DEVICE_REVOKED: 'Perangkat ini sudah dicabut oleh Admin TTE. Pasangkan ulang dengan kode baru bila masih dipakai.',
  BROWSER_NOT_ALLOWED:
    'Peran ini tidak boleh masuk lewat browser. Gunakan aplikasi Loket TTE di meja Anda; Kepala Dinas dan Kabid dapat memakai browser bila diizinkan Admin TTE.',
  BROWSER_UNKNOWN: 'Browser ini belum dikenali server. Muat ulang halaman dari alamat server kantor.',
  NETWORK_NOT_SERVER: 'PC ini berjalan sebagai Satu PC, bukan server kantor.',
  SERVER_UNREACHABLE: 'Server kantor tidak terjangkau — mencoba lagi…',
  SERVER_CERT_MISMATCH: 'Sertifikat server kantor berbeda dari yang dipasangkan — hubungi Admin',
  SERVER_BAD_ANSWER: 'Jawaban server kantor tidak dapat dibaca. Pastikan alamat server benar lalu coba lagi.',
  PAIRING_SERVER_UNVERIFIED:
    'Server tidak dapat membuktikan kode pemasangan — mungkin bukan server kantor Anda. Periksa alamat server dan kodenya.',
  OFFICE_MODE_INVALID: 'Pengaturan mode jaringan tidak benar. Periksa isian lalu coba lagi.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export function messageFor(code: ErrorCode): string {
  return ERROR_MESSAGES[code];
}
