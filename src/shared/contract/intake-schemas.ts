/**
 * Input schemas of the intake-assist channels: the staff directory (import, lookup, flags), reading
 * the KTP scan and the letter at intake, checking a file on its own field, the intake draft, the
 * office's intake settings, and the collective letter (one application per person listed).
 */
import { z } from 'zod';

import { SERVICE_TYPES } from '../domain/application';
import { agendaFormatProblems } from '../intake/agenda-number';
import { MAX_UPLOAD_BASE64_CHARS } from './files';
import { id } from './schema-parts';
import { agencyHeadSchema, applicantSchema, letterSchema, nipSchema, uploadSchema } from './schemas';

export const STAFF_FIELDS = [
  'nip',
  'name',
  'rank',
  'position',
  'agency',
  'officialEmail',
  'phone',
  'employmentStatus',
] as const;
export type StaffField = (typeof STAFF_FIELDS)[number];

const spreadsheetFile = z.object({
  fileName: z.string().trim().min(1, 'Nama berkas wajib diisi').max(200),
  dataBase64: z
    .string()
    .min(1, 'Berkas kosong')
    .max(MAX_UPLOAD_BASE64_CHARS * 4, 'Berkas terlalu besar'),
});
const staffMapping = z.partialRecord(z.enum(STAFF_FIELDS), z.number().int().min(0).max(200));

export const staffImportPreviewSchema = spreadsheetFile.extend({ mapping: staffMapping.optional() });
export const staffImportCommitSchema = spreadsheetFile.extend({ mapping: staffMapping });
export const staffLookupSchema = z.object({ nip: nipSchema });

const image = z.object({
  fileName: z.string().trim().min(1, 'Nama berkas wajib diisi').max(255),
  mimeType: z.enum(['image/jpeg', 'image/png'], { error: 'Gambar harus JPEG atau PNG' }),
  dataBase64: z
    .string()
    .max(MAX_UPLOAD_BASE64_CHARS, 'Gambar jauh melebihi batas ukuran')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Isi gambar rusak (bukan base64)'),
});
export const intakeReadKtpSchema = z.object({ image });
export const intakeReadLetterSchema = z.object({ file: uploadSchema });
export const intakeCheckFileSchema = z.object({ file: uploadSchema });

/** The draft is the form as typed (any shape the form has); the core seals it and gives it back. */
export const intakeDraftSaveSchema = z.object({
  draft: z.record(z.string(), z.unknown()).refine((d) => JSON.stringify(d).length <= 100_000, {
    message: 'Draf terlalu besar',
  }),
});

export const intakeSettingsSchema = z.object({
  agendaFormat: z
    .string({ error: 'Format nomor agenda wajib diisi' })
    .trim()
    .superRefine((f, ctx) => {
      for (const message of agendaFormatProblems(f)) ctx.addIssue({ code: 'custom', message });
    }),
  parallelServiceTypes: z.array(z.enum(SERVICE_TYPES, { error: 'Jenis layanan tidak dikenal' })).max(5),
});

/** One person of a collective letter: their data and their own documents (KTP, SK). */
export const collectiveApplicantSchema = z.object({
  applicant: applicantSchema,
  documents: z.array(uploadSchema).max(4, 'Terlalu banyak dokumen'),
});

export const collectiveIntakeSchema = z.object({
  serviceType: z.enum(SERVICE_TYPES, { error: 'Pilih jenis layanan' }),
  letter: letterSchema,
  agencyHead: agencyHeadSchema.nullable().default(null),
  /** The letter and the documents every applicant shares. */
  documents: z.array(uploadSchema).max(4, 'Terlalu banyak dokumen'),
  applicants: z
    .array(collectiveApplicantSchema)
    .min(1, 'Isi paling sedikit satu pemohon')
    .max(30, 'Satu surat kolektif paling banyak 30 pemohon'),
});

export const applicationGroupSchema = z.object({ id });
