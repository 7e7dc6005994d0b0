/**
 * Refreshes applications waiting on BSrE (activation, passphrase, issuance): a few checks per
 * tick (the rate limit), a pause that grows while BSrE is down or refuses our credentials, and the
 * certificate's validity read from the chain when the status turns ISSUE.
 */
import { todayIn } from '../../../shared/domain/time';
import { parseCertificateValidity } from '../bsre/certificates';
import type { BsreClient } from '../bsre/types';
import type { Services } from '../context';
import type { Logger } from '../logger';
import { dueForBsreCheck, getApplication } from '../store/repos/applications';
import { readOffice } from '../store/repos/office';
import { applyStatus, recordCheckProblem } from './bsre-status-sync';
import type { Issuance } from './step-transition';

export const CHECKS_PER_TICK = 5;
const MAX_PAUSE_MS = 5 * 60_000;

export type CheckResult = 'ok' | 'problem' | 'missing';

/** Reads the leaf certificate's validity (dates in the office zone) for an issued applicant. */
async function readIssuance(services: Services, client: BsreClient, id: string): Promise<Issuance | undefined> {
  const chain = await client.certificateChain(id);
  if (chain.kind !== 'ok' || !chain.value.certificates[0]) return undefined;
  const validity = parseCertificateValidity(chain.value.certificates[0]);
  const zone = (await readOffice(services.db))?.timeZone ?? 'WIB';
  return {
    issuedAt: todayIn(zone, validity.notBefore),
    expiresAt: todayIn(zone, validity.notAfter),
    serialNumber: validity.serialNumber,
  };
}

/** Checks one application now and applies what BSrE says. */
export async function checkApplication(
  services: Services,
  client: BsreClient,
  applicationId: string,
): Promise<CheckResult> {
  const app = await getApplication(services.db, services.dataKey, applicationId);
  if (!app) return 'missing';
  // By the email BSrE was given at registration: a NIK lookup answers NO_CERTIFICATE for anyone Dukcapil knows.
  const email = app.officialEmail?.trim() ?? '';
  let result = await client.checkStatus(email !== '' ? { email } : { nik: app.nik });
  // An older service with only the v1 status path cannot look up an email: ask by NIK there.
  if (email !== '' && result.kind === 'rejected' && result.httpStatus === 404)
    result = await client.checkStatus({ nik: app.nik });
  if (result.kind !== 'ok') {
    const retryAt = new Date(services.clock.now().getTime() + 60_000).toISOString();
    await recordCheckProblem(services, applicationId, result.message, result.raw, retryAt);
    return 'problem';
  }
  const issuance =
    result.value.status === 'ISSUE' && !app.issuedAt
      ? await readIssuance(services, client, email !== '' ? email : app.nik)
      : undefined;
  await applyStatus(services, applicationId, {
    status: result.value,
    raw: result.raw,
    ...(issuance ? { issuance } : {}),
  });
  return 'ok';
}

export class StatusPoller {
  private pausedUntil = 0;
  private failures = 0;

  constructor(
    private readonly services: Services,
    private readonly logger: Logger,
  ) {}

  /** When BSrE is down the poller waits until this instant (ms since epoch). */
  get pausedUntilMs(): number {
    return this.pausedUntil;
  }

  async pollDue(): Promise<number> {
    const client = this.services.bsre.client();
    const now = this.services.clock.now();
    if (!client || now.getTime() < this.pausedUntil) return 0;
    const due = await dueForBsreCheck(this.services.db, now.toISOString(), CHECKS_PER_TICK);
    let checked = 0;
    for (const id of due) {
      const result = await checkApplication(this.services, client, id).catch((error: unknown) => {
        this.logger.error(`status check for ${id} failed`, error);
        return 'problem' as const;
      });
      checked += 1;
      if (result === 'problem') {
        this.failures += 1;
        this.pausedUntil =
          this.services.clock.now().getTime() + Math.min(MAX_PAUSE_MS, 10_000 * 2 ** (this.failures - 1));
        break;
      }
      this.failures = 0;
    }
    return checked;
  }
}
