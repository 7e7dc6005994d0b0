/**
 * Does BSrE have this registration? Decided by the email the registration carried (the juknis
 * registers by {nama, email}), never by NIK: production answers a random well-formed NIK with
 * NO_CERTIFICATE, so a NIK lookup cannot tell "we registered this person" from "Dukcapil knows
 * this NIK". NO_CERTIFICATE by email is only trusted when the same server answers an address nobody
 * can have registered with NOT_REGISTERED; otherwise the answer cannot tell, and a person decides.
 */
import { randomBytes } from 'node:crypto';

import type { BsreClient, RawResponse } from './types';

/** Statuses that exist only for a user BSrE has (NO_CERTIFICATE needs the control check). */
const HELD_STATUSES: ReadonlySet<string> = new Set([
  'WAITING_FOR_VERIFICATION',
  'NEW',
  'ISSUE',
  'EXPIRED',
  'RENEW',
  'SUSPEND',
  'REVOKE',
]);

export type Presence =
  /** BSrE has a user with this email. */
  | { kind: 'present'; status: string; raw: RawResponse }
  /** BSrE says it has no user with this email. */
  | { kind: 'absent'; raw: RawResponse }
  /** BSrE answered, but the answer does not say either way (e.g. NO_CERTIFICATE for any email). */
  | { kind: 'unclear'; status: string; message: string; raw: RawResponse }
  /** No usable answer; ask again later. */
  | { kind: 'unreachable'; message: string; raw: RawResponse | null };

/** An address on the reserved .invalid domain: nobody can have registered it. */
function controlEmail(): string {
  return `cek-${randomBytes(6).toString('hex')}@loket-tte.invalid`;
}

export async function presenceByEmail(client: BsreClient, email: string): Promise<Presence> {
  const status = await client.checkStatus({ email });
  if (status.kind !== 'ok') return { kind: 'unreachable', message: status.message, raw: status.raw };
  const value = status.value.status;
  if (value === 'NOT_REGISTERED') return { kind: 'absent', raw: status.raw };
  if (HELD_STATUSES.has(value)) return { kind: 'present', status: value, raw: status.raw };
  if (value !== 'NO_CERTIFICATE') {
    return {
      kind: 'unclear',
      status: value,
      message: `BSrE menjawab status "${value}" yang tidak dikenal untuk email ini.`,
      raw: status.raw,
    };
  }
  const control = await client.checkStatus({ email: controlEmail() });
  if (control.kind !== 'ok') return { kind: 'unreachable', message: control.message, raw: control.raw };
  if (control.value.status === 'NOT_REGISTERED') return { kind: 'present', status: value, raw: status.raw };
  return {
    kind: 'unclear',
    status: value,
    message:
      'BSrE menjawab "terdaftar, belum punya sertifikat" (NO_CERTIFICATE) juga untuk email yang pasti tidak terdaftar, jadi jawabannya tidak dapat memastikan pendaftaran ini.',
    raw: status.raw,
  };
}
