/**
 * Input schemas of the office-records channels: the queue, the dashboard, the recap of TTE users
 * (list, import, export, renewal), the facilitation report, the printables and the messages.
 */
import { z } from 'zod';

import { SERVICE_TYPES } from '../domain/application';
import { MAX_RANGE_DAYS } from '../domain/dashboard';
import { MESSAGE_TEMPLATES } from '../domain/messages';
import { IMPORT_FIELDS } from '../domain/recap';
import { MAX_UPLOAD_BASE64_CHARS } from './files';
import { id, isoDate, optionalText } from './schema-parts';

// ── Queue and dashboard ────────────────────────────────────────────────────────
export const queueFilterSchema = z.object({
  stepNo: z.number().int().positive().optional(),
  verifierId: id.optional(),
  agency: z.string().trim().max(200).optional(),
  serviceType: z.enum(SERVICE_TYPES, { error: 'Jenis layanan tidak dikenal' }).optional(),
  waitingOn: z.enum(['applicant', 'office', 'bsre']).optional(),
});

export const reassignSchema = z.object({ applicationId: id, verifierId: id, note: optionalText(500) });

export const dashboardSchema = z
  .object({
    granularity: z.enum(['day', 'week', 'month']).default('day'),
    from: isoDate('Tanggal awal'),
    to: isoDate('Tanggal akhir'),
  })
  .refine((v) => v.from <= v.to, { message: 'Tanggal awal harus sebelum tanggal akhir', path: ['to'] })
  .refine((v) => (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 < MAX_RANGE_DAYS[v.granularity], {
    message: 'Rentang terlalu panjang untuk periode ini; pilih periode mingguan atau bulanan',
    path: ['from'],
  });

// ── Recap of TTE users ─────────────────────────────────────────────────────────
export const holderPageSchema = z.object({
  query: z.string().trim().max(100, 'Teks pencarian terlalu panjang (maks. 100 karakter)').default(''),
  agency: z.string().trim().max(200).optional(),
  bsreStatus: z.string().trim().max(40).optional(),
  expiringWithinDays: z.union([z.literal(30), z.literal(60), z.literal(90)]).optional(),
  sort: z.enum(['name', 'agency', 'issuedAt', 'expiresAt', 'bsreStatus']).default('expiresAt'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

const spreadsheetFile = z.object({
  fileName: z.string().trim().min(1, 'Nama berkas wajib diisi').max(200),
  dataBase64: z
    .string()
    .min(1, 'Berkas kosong')
    .max(MAX_UPLOAD_BASE64_CHARS * 4, 'Berkas terlalu besar'),
});
const columnMapping = z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().min(0).max(200));

export const importPreviewSchema = spreadsheetFile.extend({ mapping: columnMapping.optional() });
export const importCommitSchema = spreadsheetFile.extend({ mapping: columnMapping });

export const holderExportSchema = z.object({
  format: z.enum(['xlsx', 'pdf'], { error: 'Pilih format XLSX atau PDF' }),
  agency: z.string().trim().max(200).optional(),
  /** Issue dates within [from, to]. */
  from: isoDate('Tanggal awal').optional(),
  to: isoDate('Tanggal akhir').optional(),
});

export const holderRefSchema = z.object({ holderId: id });

// ── Reports and printables ─────────────────────────────────────────────────────
const year = z.number().int().min(2000, 'Tahun tidak benar').max(2100, 'Tahun tidak benar');
export const reportPeriodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('month'), year, month: z.number().int().min(1).max(12) }),
  z.object({ kind: z.literal('quarter'), year, quarter: z.number().int().min(1).max(4) }),
  z.object({ kind: z.literal('year'), year }),
]);
export const facilitationReportSchema = z.object({ period: reportPeriodSchema });
export const facilitationFileSchema = z.object({
  period: reportPeriodSchema,
  format: z.enum(['pdf', 'xlsx'], { error: 'Pilih format PDF atau XLSX' }),
});
export const printableSchema = z.object({
  applicationId: id,
  kind: z.enum(['disposition', 'applicationForm', 'handoverReceipt'], { error: 'Jenis cetakan tidak dikenal' }),
});

// ── Messages to applicants ─────────────────────────────────────────────────────
const messageTarget = z
  .object({ applicationId: id.optional(), holderId: id.optional() })
  .refine((v) => Boolean(v.applicationId) !== Boolean(v.holderId), {
    message: 'Pilih satu permohonan atau satu pemegang sertifikat',
  });
export const composeMessageSchema = z.intersection(
  messageTarget,
  z.object({
    template: z.enum(MESSAGE_TEMPLATES, { error: 'Templat pesan tidak dikenal' }),
    channel: z.enum(['whatsapp', 'email'], { error: 'Pilih WhatsApp atau email' }),
  }),
);
export const sendMessageSchema = composeMessageSchema;
export const messageLogSchema = z.object({
  applicationId: id.optional(),
  holderId: id.optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export const smtpSettingsSchema = z.object({
  enabled: z.boolean(),
  host: z.string().trim().max(200).default(''),
  port: z.number().int().min(1).max(65535).default(587),
  secure: z.boolean().default(false),
  username: z.string().trim().max(200).default(''),
  /** Empty keeps the stored password. */
  password: z.string().max(200).default(''),
  from: z.string().trim().max(200).default(''),
});
