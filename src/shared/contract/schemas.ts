/**
 * The zod input schemas of every channel. The same schema validates the renderer's form
 * (react-hook-form resolver) and the core's entry point, so the two can never disagree.
 */
import './zod-locale';

import { z } from 'zod';

import { SERVICE_TYPES } from '../domain/application';
import { MANUAL_VERIFICATION_REASONS } from '../domain/identity-desk';
import { KYC_REFUSAL_REASONS } from '../domain/kyc';
import { TIME_ZONES } from '../domain/office';
import { ROLES } from '../domain/roles';
import { checkNik } from '../identity/nik';
import { checkNip } from '../identity/nip';
import { passwordProblems, personalPasswordProblems } from '../identity/password-strength';
import { DOCUMENT_KINDS } from '../sop/template';
import { MAX_UPLOAD_BASE64_CHARS } from './files';
import { id, isoDate, optionalText, required } from './schema-parts';

export { emptySchema } from './schema-parts';

export const nikSchema = z
  .string({ error: 'NIK wajib diisi' })
  .trim()
  .superRefine((value, ctx) => {
    const check = checkNik(value);
    if (!check.valid) ctx.addIssue({ code: 'custom', message: check.errors[0] ?? 'NIK tidak valid' });
  });

export const nipSchema = z
  .string({ error: 'NIP wajib diisi' })
  .transform((s) => s.replace(/\s+/g, ''))
  .superRefine((value, ctx) => {
    const check = checkNip(value);
    if (!check.valid) ctx.addIssue({ code: 'custom', message: check.errors[0] ?? 'NIP tidak valid' });
  });

const usernameSchema = z
  .string({ error: 'Nama pengguna wajib diisi' })
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9._-]{3,32}$/,
    'Nama pengguna 3–32 karakter: huruf kecil, angka, titik, garis bawah, atau tanda hubung',
  );

/** Length, variety and the common-password list; the rules about the owner run on the whole form (ownPassword). */
export const passwordSchema = z.string({ error: 'Kata sandi wajib diisi' }).superRefine((value, ctx) => {
  for (const message of passwordProblems(value)) ctx.addIssue({ code: 'custom', message });
});

/** Not the username, not a part of the full name: needs the other fields, so it refines the object. */
function ownPassword(user: { username: string; fullName: string; password: string }, ctx: z.RefinementCtx): void {
  for (const message of personalPasswordProblems(user.password, user))
    ctx.addIssue({ code: 'custom', path: ['password'], message });
}

export const officeSchema = z.object({
  name: required('Nama instansi'),
  regency: required('Kabupaten/kota'),
  address: required('Alamat', 300),
  timeZone: z.enum(Object.keys(TIME_ZONES) as [keyof typeof TIME_ZONES], {
    error: 'Pilih zona waktu WIB, WITA, atau WIT',
  }),
  letterhead: required('Teks kop surat', 1000),
  sopTemplateId: required('Templat SOP', 64),
  idleLockMinutes: z.coerce
    .number({ error: 'Isi dengan angka menit' })
    .int('Isi dengan bilangan bulat')
    .min(1, 'Minimal 1 menit')
    .max(120, 'Maksimal 120 menit'),
});
export type OfficeInput = z.infer<typeof officeSchema>;

const adminFields = {
  username: usernameSchema,
  fullName: required('Nama lengkap'),
  nip: nipSchema,
  password: passwordSchema,
};

export const newUserSchema = z
  .object({ ...adminFields, role: z.enum(ROLES, { error: 'Pilih peran' }) })
  .superRefine(ownPassword);
export type NewUserInput = z.infer<typeof newUserSchema>;

export const setupSchema = z.object({ office: officeSchema, admin: z.object(adminFields).superRefine(ownPassword) });
export type SetupInput = z.infer<typeof setupSchema>;

export const loginSchema = z.object({
  username: usernameSchema,
  password: z.string({ error: 'Kata sandi wajib diisi' }).min(1, 'Kata sandi wajib diisi').max(128),
});

export const unlockSchema = z.object({ password: z.string().min(1, 'Kata sandi wajib diisi').max(128) });

export const updateUserSchema = z.object({
  id,
  fullName: required('Nama lengkap').optional(),
  role: z.enum(ROLES).optional(),
  active: z.boolean().optional(),
  password: passwordSchema.optional(),
});

export const uploadSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS, { error: 'Jenis dokumen tidak dikenal' }),
  fileName: required('Nama berkas', 255),
  mimeType: z.string().max(100),
  dataBase64: z
    .string()
    .max(MAX_UPLOAD_BASE64_CHARS, 'Berkas jauh melebihi batas ukuran')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Isi berkas rusak (bukan base64)'),
});
export type UploadInput = z.infer<typeof uploadSchema>;

export const applicantSchema = z
  .object({
    name: required('Nama'),
    nik: nikSchema,
    nip: nipSchema,
    rank: required('Pangkat/golongan', 100),
    position: required('Jabatan'),
    agency: required('Unit kerja/OPD'),
    needsOfficialEmail: z.boolean().default(false),
    officialEmail: z
      .union([z.literal(''), z.string().trim().toLowerCase().email('Format email tidak benar')])
      .default(''),
    phone: z
      .string({ error: 'Nomor HP/WhatsApp wajib diisi' })
      .transform((s) => s.replace(/[\s-]/g, ''))
      .pipe(z.string().regex(/^(\+62|62|0)8\d{7,12}$/, 'Nomor HP/WhatsApp harus nomor Indonesia, mis. 081234567890')),
  })
  .superRefine((a, ctx) => {
    if (!a.needsOfficialEmail && !a.officialEmail)
      ctx.addIssue({
        code: 'custom',
        path: ['officialEmail'],
        message: 'Isi email dinas, atau centang "email dinas perlu dibuat"',
      });
  });

export const letterSchema = z.object({
  number: required('Nomor surat', 100),
  date: isoDate('Tanggal surat'),
  subject: required('Perihal', 300),
  agendaNumber: required('Nomor agenda', 50),
});

export const agencyHeadSchema = z.object({
  name: required('Nama KA OPD'),
  nip: nipSchema,
  position: required('Jabatan KA OPD'),
});

export const intakeSchema = z.object({
  serviceType: z.enum(SERVICE_TYPES, { error: 'Pilih jenis layanan' }),
  applicant: applicantSchema,
  letter: letterSchema,
  agencyHead: agencyHeadSchema.nullable().default(null),
  documents: z.array(uploadSchema).max(8, 'Terlalu banyak dokumen'),
  /** A renewal started from the recap: the holder whose certificate it renews. */
  renewalOfHolderId: id.optional(),
});
export type IntakeInput = z.input<typeof intakeSchema>;
export type IntakeData = z.output<typeof intakeSchema>;

export const listApplicationsSchema = z.object({
  query: z.string().trim().max(100, 'Teks pencarian terlalu panjang (maks. 100 karakter)').default(''),
  status: z.enum(['open', 'all', 'inProgress', 'returned', 'completed', 'rejected']).default('open'),
  limit: z.number().int().min(1).max(500).default(100),
});

export const applicationIdSchema = z.object({ id });

/** Everything a step may record; the core checks that the current step's actions are covered. */
export const actSchema = z.object({
  applicationId: id,
  stepNo: z.number().int().positive(),
  note: optionalText(1000),
  assignVerifierId: id.optional(),
  checklist: z.array(z.boolean()).max(30).optional(),
  bsreRegistration: z.object({ reference: optionalText(200) }).optional(),
  activation: z.object({ confirmed: z.literal(true, { error: 'Konfirmasi bahwa pemohon sudah aktivasi' }) }).optional(),
  identityCheck: z
    .object({
      decision: z.enum(['match', 'mismatch'], { error: 'Pilih hasil verifikasi' }),
      reason: optionalText(500),
      selfie: uploadSchema.optional(),
      /** "Verifikasi manual": no desk evidence (camera broken, an IKD digital KTP…); a reason is required. */
      manual: z
        .object({
          reason: z.enum(MANUAL_VERIFICATION_REASONS, { error: 'Pilih alasan verifikasi manual' }),
          note: z
            .string()
            .trim()
            .min(10, 'Tulis alasan verifikasi manual (minimal 10 karakter)')
            .max(500, 'Alasan terlalu panjang (maks. 500 karakter)'),
          seenInPerson: z.literal(true, { error: 'Konfirmasi bahwa KTP asli atau KTP digital diperiksa langsung' }),
        })
        .optional(),
    })
    .optional(),
  passphrase: z
    .object({ confirmed: z.literal(true, { error: 'Konfirmasi bahwa pemohon sudah membuat passphrase' }) })
    .optional(),
  issuance: z.object({ issuedAt: isoDate('Tanggal terbit'), serialNumber: optionalText(100) }).optional(),
  handover: z.object({ receivedBy: required('Nama penerima'), handedOverAt: isoDate('Tanggal penyerahan') }).optional(),
});
export type ActInput = z.input<typeof actSchema>;

export const returnSchema = z.object({
  applicationId: id,
  stepNo: z.number().int().positive(),
  reason: required('Alasan pengembalian', 1000),
});
export const rejectSchema = z.object({
  applicationId: id,
  stepNo: z.number().int().positive(),
  reason: required('Alasan penolakan', 1000),
});
export const resubmitSchema = z.object({
  applicationId: id,
  note: required('Keterangan perbaikan', 1000),
  documents: z.array(uploadSchema).max(8).default([]),
});

export const documentIdSchema = z.object({ id });
export const templateIdSchema = z.object({ id: required('Templat SOP', 64) });

export const bsreSettingsSchema = z
  .object({
    mode: z.enum(['training', 'live', 'manual'], { error: 'Pilih mode BSrE' }),
    baseUrl: z.string().trim().max(300).default(''),
    allowHttp: z.boolean().default(false),
    username: z.string().trim().max(100).default(''),
    /** Empty keeps the stored password. */
    password: z.string().max(200).default(''),
    apiVersion: z.enum(['v1', 'v2']).default('v2'),
    registrationPath: z
      .string()
      .trim()
      .regex(/^\/[A-Za-z0-9/_.-]*$/, 'Path harus diawali "/" (mis. /api/v2/user/registration)')
      .default('/api/v2/user/registration'),
    oidInstansi: z.string().trim().max(100).default(''),
    /** The juknis body is {nama, email}: each extra field is sent only when switched on here. */
    sendOidInstansi: z.boolean().default(false),
    sendNik: z.boolean().default(false),
    sendRecommendationLetter: z.boolean().default(false),
    pollIntervalSeconds: z.coerce
      .number()
      .int()
      .min(10, 'Minimal 10 detik')
      .max(3600, 'Maksimal 3600 detik')
      .default(60),
  })
  .superRefine((s, ctx) => {
    if (s.mode !== 'live') return;
    if (!s.baseUrl)
      ctx.addIssue({
        code: 'custom',
        path: ['baseUrl'],
        message: 'Alamat layanan BSrE wajib diisi untuk mode langsung',
      });
    if (!s.username)
      ctx.addIssue({ code: 'custom', path: ['username'], message: 'Nama pengguna layanan BSrE wajib diisi' });
  });
export type BsreSettingsInput = z.input<typeof bsreSettingsSchema>;

export const checkNikSchema = z.object({ nik: nikSchema });
/**
 * The verifier's decision on a registration whose outcome BSrE cannot tell: check again, send it
 * again, or record that BSrE has it (seen in the BSrE portal) with a reason.
 */
export const REGISTRATION_DECISIONS = ['recheck', 'resend', 'markRegistered'] as const;
export const resolveRegistrationSchema = z
  .object({
    applicationId: id,
    action: z.enum(REGISTRATION_DECISIONS, { error: 'Pilih tindakan untuk pendaftaran BSrE' }),
    reason: z.string().trim().max(1000).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'markRegistered' && v.reason.length < 10)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'Tulis alasan (min. 10 huruf), mis. "Terlihat di portal BSrE pada 02/12/2026, status belum aktivasi"',
      });
  });
export const reportKycRefusalSchema = z.object({
  applicationId: id,
  reason: z.enum(KYC_REFUSAL_REASONS, { error: 'Pilih alasan penolakan KYC' }),
  note: z.string().trim().max(500).default(''),
});
export const applicationRefSchema = z.object({ applicationId: id });
export const TRAINING_ACTIONS = [
  'activate',
  'verify',
  'issue',
  'expire',
  'renew',
  'suspend',
  'unsuspend',
  'revoke',
] as const;
/** The simulated user is named by the email it registered with, so roles that see masked NIKs can act too. */
export const trainingActSchema = z.object({
  email: z.string().trim().toLowerCase().email('Email pengguna simulasi tidak benar'),
  action: z.enum(TRAINING_ACTIONS, { error: 'Tindakan pelatih tidak dikenal' }),
});

/** A camera frame or a scanned image for the identity desk (JPEG/PNG only). */
export const captureSchema = z.object({
  applicationId: id,
  image: z.object({
    fileName: required('Nama berkas', 255),
    mimeType: z.enum(['image/jpeg', 'image/png'], { error: 'Gambar harus JPEG atau PNG' }),
    dataBase64: z
      .string()
      .max(MAX_UPLOAD_BASE64_CHARS, 'Gambar jauh melebihi batas ukuran')
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Isi gambar rusak (bukan base64)'),
  }),
});
export const consentSchema = z.object({
  applicationId: id,
  agreed: z.literal(true, { error: 'Pemohon harus menyatakan setuju' }),
});
export const confirmFieldsSchema = z.object({
  applicationId: id,
  fields: z.object({
    nik: nikSchema,
    nama: required('Nama'),
    tempatLahir: optionalText(100),
    tanggalLahir: z.union([z.literal(''), isoDate('Tanggal lahir')]).default(''),
    jenisKelamin: z.union([z.literal(''), z.enum(['LAKI-LAKI', 'PEREMPUAN'])]).default(''),
    alamat: optionalText(300),
    rtRw: optionalText(20),
    kelDesa: optionalText(100),
    kecamatan: optionalText(100),
    kabupatenKota: optionalText(100),
    provinsi: optionalText(100),
    agama: optionalText(30),
    statusPerkawinan: optionalText(30),
    pekerjaan: optionalText(100),
    golonganDarah: optionalText(5),
    kewarganegaraan: optionalText(10),
    berlakuHingga: optionalText(30),
  }),
});
