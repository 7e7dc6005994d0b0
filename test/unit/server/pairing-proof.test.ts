/**
 * The pairing handshake's arithmetic: codes normalize the way people type them, a proof is bound to
 * the fingerprint and the nonce, and the server's proof can never be mistaken for the desk's.
 */
import { describe, expect, it } from 'vitest';

import {
  groupPairingCode,
  normalizePairingCode,
  PAIRING_ALPHABET,
  pairingKeyHex,
  pairingProof,
  pairingProofFromKey,
  proofsMatch,
  serverProof,
} from '../../../src/main/server/pairing-proof';

const FP_A = 'AA:BB:CC:DD';
const FP_B = 'AA:BB:CC:DE';
const NONCE = 'bm9uY2Utb2YtdGhlLWRlc2s';

describe('normalizePairingCode', () => {
  it('accepts the grouped form, lower case, spaces and extra dashes', () => {
    expect(normalizePairingCode('K7QM-3XPA-9TDW')).toBe('K7QM3XPA9TDW');
    expect(normalizePairingCode(' k7qm 3xpa 9tdw ')).toBe('K7QM3XPA9TDW');
    expect(normalizePairingCode('k7qm--3xpa-9tdw')).toBe('K7QM3XPA9TDW');
  });

  it('refuses wrong lengths and the ambiguous characters', () => {
    expect(normalizePairingCode('K7QM-3XPA-9TD')).toBeNull();
    expect(normalizePairingCode('K7QM-3XPA-9TDWW')).toBeNull();
    for (const ambiguous of ['0', 'O', '1', 'I', 'L', '2', 'Z', '5', 'S', '8', 'B'])
      expect(normalizePairingCode(`K7QM-3XPA-9TD${ambiguous}`), ambiguous).toBeNull();
    expect(PAIRING_ALPHABET).not.toMatch(/[01258BILOSZ]/);
  });

  it('groups a code in fours for the screen', () => {
    expect(groupPairingCode('K7QM3XPA9TDW')).toBe('K7QM-3XPA-9TDW');
  });
});

describe('pairing proofs', () => {
  it('are the same for every way of writing the code', () => {
    expect(pairingProof('k7qm 3xpa 9tdw', FP_A, NONCE)).toBe(pairingProof('K7QM-3XPA-9TDW', FP_A, NONCE));
    expect(pairingProofFromKey(pairingKeyHex('K7QM3XPA9TDW'), FP_A, NONCE)).toBe(
      pairingProof('K7QM-3XPA-9TDW', FP_A, NONCE),
    );
  });

  it('change with the fingerprint, the nonce and the code', () => {
    const base = pairingProof('K7QM-3XPA-9TDW', FP_A, NONCE);
    expect(pairingProof('K7QM-3XPA-9TDW', FP_B, NONCE)).not.toBe(base);
    expect(pairingProof('K7QM-3XPA-9TDW', FP_A, `${NONCE}x`)).not.toBe(base);
    expect(pairingProof('K7QM-3XPA-9TDX', FP_A, NONCE)).not.toBe(base);
  });

  it("the server's proof differs from the desk's for the same inputs", () => {
    expect(serverProof('K7QM-3XPA-9TDW', FP_A, NONCE)).not.toBe(pairingProof('K7QM-3XPA-9TDW', FP_A, NONCE));
  });

  it('are 43 base64url characters (HMAC-SHA256) and compare exactly', () => {
    const proof = pairingProof('K7QM-3XPA-9TDW', FP_A, NONCE);
    expect(proof).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(proofsMatch(proof, proof)).toBe(true);
    const flipped = `${proof.slice(0, -1)}${proof.endsWith('A') ? 'B' : 'A'}`;
    expect(proofsMatch(proof, flipped)).toBe(false);
    expect(proofsMatch(proof, proof.slice(1))).toBe(false);
  });

  it('refuses to derive a key from text that is not a code', () => {
    expect(() => pairingProof('not a code', FP_A, NONCE)).toThrow();
  });
});
