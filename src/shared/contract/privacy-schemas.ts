/** Input schemas of the personal-data channels: retention setting, purge log, data-subject export and erasure. */
import { z } from 'zod';

import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../domain/privacy';
import { required } from './schema-parts';
import { nikSchema } from './schemas';

export const retentionUpdateSchema = z.object({
  documentDays: z
    .number({ error: 'Masa retensi wajib diisi (angka hari)' })
    .int('Masa retensi harus bilangan bulat (hari)')
    .min(MIN_RETENTION_DAYS, `Masa retensi paling singkat ${MIN_RETENTION_DAYS} hari`)
    .max(MAX_RETENTION_DAYS, `Masa retensi paling lama ${MAX_RETENTION_DAYS} hari`),
});

export const purgeLogSchema = z
  .object({ limit: z.number().int().min(1).max(500).default(100) })
  .default({ limit: 100 });

export const privacyExportSchema = z.object({ nik: nikSchema });

export const privacyEraseSchema = z.object({ nik: nikSchema, reason: required('Alasan penghapusan', 1000) });
