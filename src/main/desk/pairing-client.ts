/**
 * The desk's side of the pairing proofs: the arithmetic is the office server's own
 * (server/pairing-proof.ts, one formula for both ends); here only what the desk needs — a fresh
 * nonce, its proof, and the check of the server's answer.
 */
import { randomBytes } from 'node:crypto';

import { normalizePairingCode, pairingProof, proofsMatch, serverProof } from '../server/pairing-proof';

export { normalizePairingCode, serverProof };

/** What the desk sends: it knows the code and saw this certificate. */
export const deskProof = (code: string, fingerprint: string, nonce: string): string =>
  pairingProof(code, fingerprint, nonce);

export function isServerProofValid(answer: unknown, code: string, fingerprint: string, nonce: string): boolean {
  return typeof answer === 'string' && proofsMatch(serverProof(code, fingerprint, nonce), answer);
}

export const newPairingNonce = (): string => randomBytes(16).toString('base64url');
