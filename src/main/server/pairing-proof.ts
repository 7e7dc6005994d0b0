/**
 * The pairing handshake's arithmetic, shared by the office server and the desk client: the desk
 * proves it knows the Admin's one-time code for the certificate it actually saw, without sending the
 * code; the server proves back that it knows the same code. A server with another certificate (a
 * man in the middle) learns neither the code nor a proof it could replay to the real server.
 * The HMAC key is SHA-256 of the normalized code, so the server keeps only that hash, never the code.
 * Pure node:crypto, no I/O.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read aloud or copied from a screen cannot be mistaken. */
export const PAIRING_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';
export const PAIRING_CODE_LENGTH = 12;

/** Upper case, spaces and dashes dropped; null when what is left is not a 12-character code of our alphabet. */
export function normalizePairingCode(text: string): string | null {
  const compact = text.toUpperCase().replace(/[\s-]+/g, '');
  if (compact.length !== PAIRING_CODE_LENGTH) return null;
  for (const char of compact) if (!PAIRING_ALPHABET.includes(char)) return null;
  return compact;
}

/** `K7QM3XPA9TDW` → `K7QM-3XPA-9TDW`, as the Admin's screen shows it. */
export function groupPairingCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** The key both sides derive from the code (and the only thing the server stores), as hex. */
export function pairingKeyHex(code: string): string {
  const normalized = normalizePairingCode(code);
  if (!normalized) throw new Error('not a pairing code');
  return createHash('sha256').update(normalized, 'utf8').digest('hex');
}

const mac = (keyHex: string, message: string) =>
  createHmac('sha256', Buffer.from(keyHex, 'hex')).update(message, 'utf8').digest('base64url');

/** What the desk sends: HMAC(code, "pair|<fingerprint it saw>|<nonce>"). */
export function pairingProofFromKey(keyHex: string, fingerprint: string, nonce: string): string {
  return mac(keyHex, `pair|${fingerprint}|${nonce}`);
}

/** What the server answers: HMAC(code, "server|<its fingerprint>|<nonce>"). */
export function serverProofFromKey(keyHex: string, fingerprint: string, nonce: string): string {
  return mac(keyHex, `server|${fingerprint}|${nonce}`);
}

export const pairingProof = (code: string, fingerprint: string, nonce: string): string =>
  pairingProofFromKey(pairingKeyHex(code), fingerprint, nonce);

export const serverProof = (code: string, fingerprint: string, nonce: string): string =>
  serverProofFromKey(pairingKeyHex(code), fingerprint, nonce);

/** Constant-time comparison of two base64url proofs. */
export function proofsMatch(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
