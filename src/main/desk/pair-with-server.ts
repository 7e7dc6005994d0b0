/**
 * Pairing a desk with the office server: connect, read the certificate the server presents, prove
 * the Admin's one-time code bound to that certificate and a fresh nonce, and accept the answer only
 * if the server proves the same code for the same certificate. The result (fingerprint to pin,
 * device credential) is what the desk keeps; the code itself never crosses the wire.
 */
import { z } from 'zod';

import { messageFor } from '../../shared/contract/errors';
import type { Result } from '../../shared/contract/result';
import { PAIR_PATH } from '../../shared/contract/transport';
import { deskProof, isServerProofValid, newPairingNonce, normalizePairingCode } from './pairing-client';
import { failureOf, pinnedExchange } from './pinned-request';
import { parseResult } from './remote-core';

export const pairInputSchema = z.object({
  url: z
    .string()
    .trim()
    .url()
    .refine((value) => new URL(value).protocol === 'https:', 'Alamat server harus diawali https://'),
  code: z
    .string()
    .trim()
    .min(4)
    .max(64)
    .refine((value) => normalizePairingCode(value) !== null, 'Kode pemasangan terdiri dari 12 huruf dan angka'),
  deviceName: z.string().trim().min(1).max(80),
});
export type PairInput = z.infer<typeof pairInputSchema>;

const pairAnswerSchema = z.object({
  deviceId: z.string().min(1).max(200),
  deviceKey: z.string().min(16).max(500),
  serverProof: z.string().min(1).max(200),
  officeName: z.string().max(300),
  fingerprint: z.string(),
});

export interface Pairing {
  /** The server's address as normalized for storing (origin only). */
  url: string;
  fingerprint: string;
  deviceId: string;
  deviceKey: string;
  officeName: string;
}

const failed = (
  code: 'SERVER_UNREACHABLE' | 'SERVER_BAD_ANSWER' | 'PAIRING_SERVER_UNVERIFIED' | 'PAIRING_CODE_INVALID',
): Result<never> => ({
  ok: false,
  error: { code, message: messageFor(code) },
});

export async function pairWithServer(
  input: PairInput,
  timeouts: { connectTimeoutMs?: number; requestTimeoutMs?: number } = {},
): Promise<Result<Pairing>> {
  // A mistyped code is told at once, before anything is sent anywhere.
  if (normalizePairingCode(input.code) === null) return failed('PAIRING_CODE_INVALID');
  const origin = new URL(input.url).origin;
  const nonce = newPairingNonce();
  // First look: which certificate does this server present? (No credential or code is sent.)
  let fingerprint: string;
  try {
    const probe = await pinnedExchange({
      url: new URL('/health', origin),
      method: 'GET',
      headers: {},
      fingerprint: null,
      connectTimeoutMs: timeouts.connectTimeoutMs ?? 5_000,
      idleTimeoutMs: timeouts.requestTimeoutMs ?? 15_000,
      maxResponseBytes: 64 * 1024,
    });
    fingerprint = probe.fingerprint;
  } catch (error) {
    return failed(failureOf(error).kind === 'unreachable' ? 'SERVER_UNREACHABLE' : 'SERVER_BAD_ANSWER');
  }
  let answer;
  try {
    // Pinned to what we just saw: a swap between the two connections is refused, not paired.
    answer = await pinnedExchange({
      url: new URL(PAIR_PATH, origin),
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviceName: input.deviceName, nonce, proof: deskProof(input.code, fingerprint, nonce) }),
      fingerprint,
      connectTimeoutMs: timeouts.connectTimeoutMs ?? 5_000,
      idleTimeoutMs: timeouts.requestTimeoutMs ?? 15_000,
      maxResponseBytes: 64 * 1024,
    });
  } catch (error) {
    const failure = failureOf(error);
    return failed(failure.kind === 'cert-mismatch' ? 'PAIRING_SERVER_UNVERIFIED' : 'SERVER_UNREACHABLE');
  }
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    return failed('SERVER_BAD_ANSWER');
  }
  const pairing = pairAnswerSchema.safeParse(json);
  if (!pairing.success) {
    // The server refused (wrong or expired code, too many tries): pass its stable code on.
    const refusal = parseResult(answer.body);
    return refusal && !refusal.ok ? refusal : failed('SERVER_BAD_ANSWER');
  }
  const { deviceId, deviceKey, serverProof, officeName } = pairing.data;
  if (pairing.data.fingerprint !== fingerprint || !isServerProofValid(serverProof, input.code, fingerprint, nonce))
    return failed('PAIRING_SERVER_UNVERIFIED');
  return { ok: true, value: { url: origin, fingerprint, deviceId, deviceKey, officeName } };
}
