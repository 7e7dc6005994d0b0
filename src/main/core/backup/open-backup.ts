/**
 * Opening a .lbk file, for either engine's restore: the header read and its format checked, the
 * key proven by the header's check value, then AES-256-GCM (tag) + gunzip into a 0600 file whose
 * sha256 must be the header's. Anything that does not prove out leaves as a Failure.
 */
import { createDecipheriv, createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, openSync, readSync, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

import { fail } from '../failure';
import { SCHEMA_VERSION } from '../store/migrations';
import {
  type BackupHeader,
  decodeHeader,
  deriveBackupKeys,
  FORMAT_VERSION,
  HEADER_BYTES,
  keyMatches,
  PG_DUMP_FORMAT_VERSION,
  TAG_BYTES,
} from './format';

function readEnds(file: string): { header: BackupHeader; headerBytes: Buffer; tag: Buffer; size: number } {
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    fail('BACKUP_NOT_A_BACKUP', `Berkas cadangan tidak ditemukan: ${file}`);
  }
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(HEADER_BYTES);
    const tag = Buffer.alloc(TAG_BYTES);
    const headRead = readSync(fd, head, 0, HEADER_BYTES, 0);
    const header = size >= HEADER_BYTES + TAG_BYTES && headRead === HEADER_BYTES ? decodeHeader(head) : null;
    if (!header) return fail('BACKUP_NOT_A_BACKUP');
    readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
    return { header, headerBytes: head, tag, size };
  } finally {
    closeSync(fd);
  }
}

/** Decrypts `file` into `plainPath` (created, 0600) after every check; the header it carried. */
export async function decryptBackup(
  file: string,
  dataKey: Buffer,
  plainPath: string,
  expectedFormat: typeof FORMAT_VERSION | typeof PG_DUMP_FORMAT_VERSION,
): Promise<BackupHeader> {
  const { header, headerBytes, tag, size } = readEnds(file);
  const known = [FORMAT_VERSION, PG_DUMP_FORMAT_VERSION].includes(header.formatVersion);
  if (!known || header.schemaVersion > SCHEMA_VERSION) fail('BACKUP_TOO_NEW');
  if (header.formatVersion !== expectedFormat) fail('BACKUP_WRONG_ENGINE');
  const keys = deriveBackupKeys(dataKey, header.salt);
  if (!keyMatches(keys, header)) fail('BACKUP_WRONG_KEY');

  const decipher = createDecipheriv('aes-256-gcm', keys.key, header.nonce);
  decipher.setAAD(headerBytes);
  decipher.setAuthTag(tag);
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      createReadStream(file, { start: HEADER_BYTES, end: size - TAG_BYTES - 1 }),
      decipher,
      createGunzip(),
      tap,
      createWriteStream(plainPath, { flags: 'wx', mode: 0o600 }),
    );
  } catch {
    fail('BACKUP_CORRUPT');
  }
  if (!hash.digest().equals(header.plaintextSha256)) fail('BACKUP_CORRUPT');
  return header;
}
