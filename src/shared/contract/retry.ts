/**
 * How a client retries a call whose answer did not arrive (the desk's main process and the
 * renderer share it): capped exponential backoff, and which channels only read — those give up
 * after a few tries, while an action keeps retrying with its same idempotency key until the
 * server answers, so nothing the user typed is lost and nothing is written twice.
 */
import type { ChannelName } from './channel-names';

/** Codes that mean "no answer came back" — the call may or may not have run; send it again, same key. */
export const NO_ANSWER_CODES: readonly string[] = ['NETWORK_ERROR', 'SERVER_UNREACHABLE'];

export interface Backoff {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 1_000, maxMs: 10_000 };

/** attempt 1 → base, 2 → 2×base, … capped at max. */
export function backoffDelayMs(attempt: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 20));
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** exponent);
}

const READ_VERBS =
  /\.(status|get|list|me|state|log|importProgress|refreshProgress|flags|lookup|draftGet|nextAgenda|getSettings|getSmtp|facilitation|facilitationFile|export|checkFrame|checkFile|compose|importPreview|renewalDraft|checkNik|testConnection)$/;

/** A channel that changes nothing the user would lose by giving up (a list, a view, a check). */
export function isReadChannel(channel: ChannelName | string): boolean {
  return READ_VERBS.test(channel) && channel !== 'privacy.export';
}
