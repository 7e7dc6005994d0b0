/**
 * The .lbk file layout, so a backup copied to a USB disk reveals nothing and cannot be altered
 * unnoticed: header | AES-256-GCM(gzip(SQLite file)) | tag — format 1; format 2 is the same with a
 * PostgreSQL `pg_dump --format=custom` archive inside, for an office on PostgreSQL. The header is bound as associated data;
 * the key is derived per file from the data key (HKDF-SHA256, a random salt, info "loket-backup-v1").
 */
import { hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export const MAGIC = Buffer.from('LOKETBK1', 'ascii');
export const FORMAT_VERSION = 1;
/** The payload is a pg_dump custom-format archive of the office's PostgreSQL schema. */
export const PG_DUMP_FORMAT_VERSION = 2;
export const TAG_BYTES = 16;
const INFO = 'loket-backup-v1';

// magic(8) | version(1) | schema(2) | createdAtMs(8) | salt(16) | nonce(12) | sha256(32) | keyCheck(16)
export const HEADER_BYTES = 8 + 1 + 2 + 8 + 16 + 12 + 32 + 16;

export interface BackupHeader {
  formatVersion: number;
  schemaVersion: number;
  createdAt: Date;
  salt: Buffer;
  nonce: Buffer;
  /** sha256 of the SQLite file inside (before gzip). */
  plaintextSha256: Buffer;
  /** Derived with the key: tells "wrong key" apart from "damaged file" before decrypting. */
  keyCheck: Buffer;
}

export interface BackupKeys {
  key: Buffer;
  keyCheck: Buffer;
}

export function deriveBackupKeys(dataKey: Buffer, salt: Buffer): BackupKeys {
  if (dataKey.length !== 32) throw new Error('Kunci data harus 32 byte.');
  const okm = Buffer.from(hkdfSync('sha256', dataKey, salt, INFO, 48));
  return { key: okm.subarray(0, 32), keyCheck: okm.subarray(32, 48) };
}

export const newSalt = (): Buffer => randomBytes(16);
export const newNonce = (): Buffer => randomBytes(12);

export function encodeHeader(h: BackupHeader): Buffer {
  const out = Buffer.alloc(HEADER_BYTES);
  let at = MAGIC.copy(out, 0);
  at = out.writeUInt8(h.formatVersion, at);
  at = out.writeUInt16BE(h.schemaVersion, at);
  at = out.writeBigUInt64BE(BigInt(h.createdAt.getTime()), at);
  for (const part of [h.salt, h.nonce, h.plaintextSha256, h.keyCheck]) at += part.copy(out, at);
  return out;
}

/** Null when the bytes are not a Loket TTE backup header. */
export function decodeHeader(bytes: Buffer): BackupHeader | null {
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, 8).equals(MAGIC)) return null;
  let at = 8;
  const formatVersion = bytes.readUInt8(at++);
  const schemaVersion = bytes.readUInt16BE(at);
  at += 2;
  const createdAt = new Date(Number(bytes.readBigUInt64BE(at)));
  at += 8;
  const take = (n: number) => Buffer.from(bytes.subarray(at, (at += n)));
  return {
    formatVersion,
    schemaVersion,
    createdAt,
    salt: take(16),
    nonce: take(12),
    plaintextSha256: take(32),
    keyCheck: take(16),
  };
}

export const keyMatches = (keys: BackupKeys, header: BackupHeader): boolean =>
  timingSafeEqual(keys.keyCheck, header.keyCheck);
