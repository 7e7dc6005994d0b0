/** Small zod building blocks shared by every channel's schema file (texts, ids, calendar dates). */
import './zod-locale';

import { z } from 'zod';

export const required = (label: string, max = 200) =>
  z
    .string({ error: `${label} wajib diisi` })
    .trim()
    .min(1, `${label} wajib diisi`)
    .max(max, `${label} terlalu panjang (maks. ${max} karakter)`);
export const optionalText = (max = 500) =>
  z.string().trim().max(max, `Terlalu panjang (maks. ${max} karakter)`).default('');
export const id = z.string({ error: 'ID wajib diisi' }).min(1, 'ID wajib diisi').max(64);
export const isoDate = (label: string) =>
  z
    .string({ error: `${label} wajib diisi` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} harus berupa tanggal yang benar (hh/bb/tttt)`)
    .refine(isRealDate, `${label} bukan tanggal yang benar`);

/** True for a calendar date that exists (JavaScript would roll 30 February over to March). */
export function isRealDate(s: string): boolean {
  const date = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === s;
}

export const emptySchema = z.object({}).strict().default({});
