/**
 * Which operator action may move a simulated user from which status to which (bsre.md, "The
 * lifecycle our app tracks"), as a table so the rules are readable in one place and testable.
 *
 * Decisions where the doc leaves room:
 * - `verify` and `issue` both land in ISSUE with a fresh certificate; `verify` only from
 *   WAITING_FOR_VERIFICATION (the office verifier approving), `issue` also from RENEW.
 * - `activate` from NEW (certificate issued, not yet activated) goes to ISSUE, keeping the certificate.
 * - `renew` is allowed from EXPIRED too (perpanjangan after the two years ran out).
 * - `expire` also from SUSPEND; `revoke` from ISSUE, SUSPEND and RENEW. REVOKE is terminal.
 */
import type { KnownBsreStatus } from '../types';
import type { SimAction } from './model';

export interface Transition {
  to: KnownBsreStatus;
  /** Issue a new certificate (the previous one moves to the history). */
  newCertificate: boolean;
}

const move = (to: KnownBsreStatus, newCertificate = false): Transition => ({ to, newCertificate });

export const LIFECYCLE: Readonly<Record<SimAction, Partial<Record<KnownBsreStatus, Transition>>>> = {
  activate: { NO_CERTIFICATE: move('WAITING_FOR_VERIFICATION'), NEW: move('ISSUE') },
  verify: { WAITING_FOR_VERIFICATION: move('ISSUE', true) },
  issue: { WAITING_FOR_VERIFICATION: move('ISSUE', true), RENEW: move('ISSUE', true) },
  expire: { ISSUE: move('EXPIRED'), SUSPEND: move('EXPIRED') },
  renew: { ISSUE: move('RENEW'), EXPIRED: move('RENEW') },
  suspend: { ISSUE: move('SUSPEND') },
  unsuspend: { SUSPEND: move('ISSUE') },
  revoke: { ISSUE: move('REVOKE'), SUSPEND: move('REVOKE'), RENEW: move('REVOKE') },
};

/** The transition for `action` from `status`, or an Error that says what is allowed. */
export function transitionFor(action: SimAction, status: KnownBsreStatus, who: string): Transition {
  const transition = LIFECYCLE[action][status];
  if (transition) return transition;
  const allowed = Object.keys(LIFECYCLE[action]).join(', ');
  throw new Error(
    `Simulator BSrE: tindakan "${action}" tidak bisa untuk ${who} yang berstatus ${status} (hanya dari: ${allowed}).`,
  );
}

/** Statuses in which a user holds a certificate. */
export const STATUSES_WITH_CERTIFICATE: ReadonlySet<KnownBsreStatus> = new Set([
  'ISSUE',
  'EXPIRED',
  'RENEW',
  'SUSPEND',
  'REVOKE',
  'NEW',
]);
