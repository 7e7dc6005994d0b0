/**
 * AES-256-GCM sealing for attachments and personal fields stored in the database. Each value gets
 * its own random 96-bit nonce; the record id is bound as associated data so a sealed value cannot
 * be moved to another record unnoticed. Layout: version(1) | nonce(12) | tag(16) | ciphertext.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const VERSION = 1;

export function seal(key: Buffer, plaintext: Buffer, associatedData: string): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), body]);
}

export function open(key: Buffer, sealed: Buffer, associatedData: string): Buffer {
  if (sealed.length < 29 || sealed[0] !== VERSION) throw new Error('Sealed value has an unknown format');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(sealed.subarray(13, 29));
  return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]);
}

export const sealText = (key: Buffer, text: string, ad: string): Buffer => seal(key, Buffer.from(text, 'utf8'), ad);
export const openText = (key: Buffer, sealed: Buffer, ad: string): string => open(key, sealed, ad).toString('utf8');

/** A keyed hash for exact-match lookups on encrypted fields (search by full NIK). */
export function blindIndex(key: Buffer, value: string): string {
  return createHmac('sha256', key).update('idx:').update(value).digest('hex');
}

/** For lists: a value that does not open (damaged, or sealed under another key) is null, not a failed page. */
export function openTextOrNull(key: Buffer, sealed: Buffer, ad: string): string | null {
  try {
    return openText(key, sealed, ad);
  } catch {
    return null;
  }
}
