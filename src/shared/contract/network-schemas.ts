/** Input schemas of the office-network channels (Admin) and of the desk's pairing request. */
import { z } from 'zod';

export const revokeDeviceSchema = z.object({
  deviceId: z.string({ error: 'Perangkat wajib dipilih' }).trim().min(1, 'Perangkat wajib dipilih').max(64),
});

export const networkSettingsSchema = z.object({
  browserAllowed: z.boolean({ error: 'Pilih diizinkan atau tidak' }),
});

/** `POST /pair`: the desk's name, its random nonce and its proof of the code (pairing-proof.ts). */
export const pairRequestSchema = z.object({
  deviceName: z
    .string({ error: 'Nama perangkat wajib diisi' })
    .trim()
    .min(1, 'Nama perangkat wajib diisi')
    .max(80, 'Nama perangkat paling panjang 80 karakter'),
  nonce: z.string({ error: 'Nonce wajib ada' }).regex(/^[A-Za-z0-9_-]{16,128}$/, 'Nonce tidak dikenali'),
  proof: z.string({ error: 'Bukti kode wajib ada' }).regex(/^[A-Za-z0-9_-]{43}$/, 'Bukti kode tidak dikenali'),
});

export type PairRequest = z.infer<typeof pairRequestSchema>;
