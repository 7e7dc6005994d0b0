/**
 * The pairing proofs, pure: both sides show they know the Admin's one-time code without sending it,
 * bound to the certificate the desk saw and a fresh nonce — so a server with another certificate
 * (a man in the middle) cannot answer with a valid server proof. Same formula as the server's.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The code as the Admin reads it out: upper case, only letters and digits (dashes and spaces dropped). */
export function normalizePairingCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function proof(prefix: 'pair' | 'server', code: string, fingerprint: string, nonce: string): string {
  return createHmac('sha256', normalizePairingCode(code))
    .update(`${prefix}|${fingerprint}|${nonce}`)
    .digest('base64url');
}

/** What the desk sends: it knows the code and saw this certificate. */
export const deskProof = (code: string, fingerprint: string, nonce: string): string =>
  proof('pair', code, fingerprint, nonce);

/** What the server answers: it knows the code too. */
export const serverProof = (code: string, fingerprint: string, nonce: string): string =>
  proof('server', code, fingerprint, nonce);

export function isServerProofValid(answer: unknown, code: string, fingerprint: string, nonce: string): boolean {
  if (typeof answer !== 'string') return false;
  const expected = Buffer.from(serverProof(code, fingerprint, nonce));
  const given = Buffer.from(answer);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const newPairingNonce = (): string => randomBytes(16).toString('base64url');
