/** Input schemas of the backup channels (Admin): the schedule and the log. */
import { z } from 'zod';

import { MAX_BACKUP_EVERY_HOURS, MAX_BACKUP_KEEP } from '../domain/backups';

export const backupSettingsSchema = z
  .object({
    directory: z
      .string({ error: 'Folder cadangan wajib diisi' })
      .trim()
      .min(1, 'Folder cadangan wajib diisi')
      .max(500, 'Path folder terlalu panjang (maks. 500 karakter)'),
    everyHours: z
      .number({ error: 'Isi jumlah jam (0 = tidak terjadwal)' })
      .int('Isi bilangan bulat')
      .min(0, 'Tidak boleh negatif')
      .max(MAX_BACKUP_EVERY_HOURS, `Paling lama ${MAX_BACKUP_EVERY_HOURS} jam`),
    keep: z
      .number({ error: 'Isi jumlah cadangan yang disimpan' })
      .int('Isi bilangan bulat')
      .min(1, 'Simpan paling sedikit 1 cadangan')
      .max(MAX_BACKUP_KEEP, `Paling banyak ${MAX_BACKUP_KEEP} cadangan`),
  })
  .strict();

export const backupLogSchema = z
  .object({ limit: z.number().int().min(1).max(500).default(100) })
  .strict()
  .default({ limit: 100 });
