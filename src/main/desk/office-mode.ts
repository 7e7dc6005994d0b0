/**
 * Which network mode this PC runs in, kept in `<userData>/office-mode.json`: Satu PC (the default
 * when the file is absent), Server kantor (bind address and port) or Meja (server address, pinned
 * fingerprint, device id, office name). The device key is not in that file: it is sealed with the
 * OS keychain (Electron safeStorage, passed in as a `Sealer`) in its own 0600 file. A damaged file
 * is an Indonesian message naming the file and the way out, never a crash.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';

import { z } from 'zod';

export const OFFICE_MODE_FILE = 'office-mode.json';
export const DEVICE_KEY_FILE = 'office-device-key.bin';
export const DEFAULT_OFFICE_PORT = 4443;

const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

export const serverModeSchema = z.object({
  mode: z.literal('server'),
  bind: z.string().refine((value) => isIP(value) !== 0, 'Alamat harus berupa alamat IP PC ini'),
  port: z.number().int().min(1).max(65_535),
});

export const deskModeSchema = z.object({
  mode: z.literal('desk'),
  url: z
    .string()
    .url()
    .refine((value) => new URL(value).protocol === 'https:', 'Alamat server harus https://'),
  fingerprint: z.string().regex(FINGERPRINT, 'Sidik jari sertifikat tidak benar'),
  deviceId: z.string().min(1).max(200),
  officeName: z.string().max(300),
});

export const officeModeSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('single') }),
  serverModeSchema,
  deskModeSchema,
]);

export type OfficeMode = z.infer<typeof officeModeSchema>;
export type DeskMode = z.infer<typeof deskModeSchema>;

/** What Electron's safeStorage offers; a test passes a reversible stand-in. */
export interface Sealer {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
}

export type ModeRead = { ok: true; mode: OfficeMode; chosen: boolean } | { ok: false; message: string };

function damaged(file: string, why: string): ModeRead {
  return {
    ok: false,
    message:
      `Berkas pengaturan mode jaringan ${file} rusak (${why}). ` +
      'Hapus berkas itu untuk kembali ke mode Satu PC, lalu pilih ulang mode jaringan (Meja perlu dipasangkan ulang).',
  };
}

export function readOfficeMode(userData: string): ModeRead {
  const file = path.join(userData, OFFICE_MODE_FILE);
  if (!existsSync(file)) return { ok: true, mode: { mode: 'single' }, chosen: false };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return damaged(file, 'bukan JSON yang dapat dibaca');
  }
  const parsed = officeModeSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return damaged(file, `${issue?.path.join('.') || 'isi'}: ${issue?.message ?? 'tidak sesuai'}`);
  }
  return { ok: true, mode: parsed.data, chosen: true };
}

/** Written beside the target, then renamed, so a crash never leaves half a file. */
function writeAtomically(file: string, data: string | Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, data, { mode: 0o600 });
  renameSync(temporary, file);
}

/**
 * Saves the mode; for a desk also its sealed device key (required then), and for any other mode
 * the old device key is removed — an unpaired PC keeps no credential.
 */
export function writeOfficeMode(userData: string, mode: OfficeMode, sealer: Sealer, deviceKey?: string): void {
  const checked = officeModeSchema.parse(mode);
  const keyFile = path.join(userData, DEVICE_KEY_FILE);
  if (checked.mode === 'desk') {
    if (!deviceKey) throw new Error('Kunci perangkat meja tidak ada; pasangkan meja ini terlebih dahulu.');
    if (!sealer.isEncryptionAvailable())
      throw new Error(
        'Enkripsi sistem operasi (safeStorage) tidak tersedia, kunci perangkat meja tidak dapat diamankan. ' +
          'Pastikan keychain/keyring sistem aktif lalu coba lagi.',
      );
    writeAtomically(keyFile, sealer.encryptString(deviceKey));
  } else {
    rmSync(keyFile, { force: true });
  }
  writeAtomically(path.join(userData, OFFICE_MODE_FILE), `${JSON.stringify(checked, null, 2)}\n`);
}

/** The desk's device key, unsealed; an Indonesian error when it is missing or cannot be opened. */
export function readDeviceKey(userData: string, sealer: Sealer): string {
  const keyFile = path.join(userData, DEVICE_KEY_FILE);
  if (!existsSync(keyFile))
    throw new Error(
      `Kunci perangkat meja (${keyFile}) tidak ada. Pasangkan ulang meja ini dengan kode baru dari Admin.`,
    );
  try {
    const key = sealer.decryptString(readFileSync(keyFile));
    if (key.length < 16) throw new Error('terlalu pendek');
    return key;
  } catch (error) {
    throw new Error(
      `Kunci perangkat meja (${keyFile}) tidak dapat dibuka dengan keychain pengguna ini. Pasangkan ulang meja ini.`,
      { cause: error },
    );
  }
}
