/**
 * Sends what the outbox holds. A request is marked `sending` (committed) before it leaves, so a
 * crash mid-call is found on restart; a request whose answer never came (or came empty) is
 * `unknown` and is settled by a status check **by email** before anything is sent again — BSrE
 * never gets the same registration twice, and no registration is marked done that BSrE does not
 * have. When BSrE's answer cannot tell, the entry stays `unknown` for the verifier to decide.
 */
import { stepOf } from '../../../shared/sop/template';
import { credentialMessage } from '../bsre/outcomes';
import { type Presence, presenceByEmail } from '../bsre/presence';
import type { BsreClient, RawResponse } from '../bsre/types';
import type { Services } from '../context';
import type { Logger } from '../logger';
import { inTransaction } from '../store/db';
import { getApplication } from '../store/repos/applications';
import { writeAudit } from '../store/repos/audit';
import { dueOutbox, type OutboxEntry, updateOutbox } from '../store/repos/bsre-outbox';
import { insertResponse } from '../store/repos/bsre-responses';
import { announceApplication } from './bsre-status-sync';
import { newId } from './ids';
import { completeStep } from './step-transition';

const MAX_BACKOFF_MS = 10 * 60_000;
const backoffMs = (attempts: number) => Math.min(MAX_BACKOFF_MS, 5_000 * 2 ** Math.max(0, attempts - 1));
/** Sends after which an entry BSrE still does not have waits for the verifier instead of another send. */
export const MAX_AUTOMATIC_SENDS = 3;
/** How often an entry waiting for the verifier is still checked (the applicant's activation settles it too). */
const VERIFIER_RECHECK_MS = 10 * 60_000;

/** The optional fields a strict server may refuse, as the settings screen names them. */
const EXTRA_FIELDS = ['nik', 'oid_instansi', 'suratRekomendasiBase64'] as const;

function later(services: Services, ms: number): string {
  return new Date(services.clock.now().getTime() + ms).toISOString();
}

async function save(
  services: Services,
  entry: OutboxEntry,
  change: Partial<Pick<OutboxEntry, 'state' | 'attempts' | 'nextAttemptAt' | 'lastError'>>,
): Promise<OutboxEntry> {
  const next = { ...entry, ...change, updatedAt: services.clock.now().toISOString() };
  await updateOutbox(services.db, next);
  return next;
}

async function keep(services: Services, entry: OutboxEntry, outcome: string, raw: RawResponse | null): Promise<void> {
  if (raw)
    await insertResponse(services.db, services.dataKey, {
      id: newId(),
      applicationId: entry.applicationId,
      outcome,
      raw,
    });
}

export interface Confirmation {
  raw: RawResponse | null;
  how: 'registered' | 'already-registered' | 'status-check-after-unknown' | 'marked-by-verifier';
  /** Who decided (the verifier for `marked-by-verifier`); defaults to the requester. */
  actorId?: string;
  reason?: string;
  bsreStatus?: string;
}

/** BSrE has the registration: mark it done and complete the step it was requested from. */
export async function confirmRegistration(services: Services, entry: OutboxEntry, c: Confirmation): Promise<void> {
  await confirmInTransaction(services, entry, c);
  announceApplication(services, entry.applicationId);
}

async function confirmInTransaction(services: Services, entry: OutboxEntry, c: Confirmation): Promise<void> {
  await inTransaction(services.db, async () => {
    const at = services.clock.now().toISOString();
    const actorId = c.actorId ?? entry.requestedBy;
    await save(services, entry, { state: 'done', lastError: null });
    await keep(services, entry, 'ok', c.raw);
    await writeAudit(services.db, {
      at,
      userId: actorId,
      action: c.how === 'marked-by-verifier' ? 'bsre.registration_marked_registered' : 'bsre.registration_confirmed',
      entity: 'application',
      entityId: entry.applicationId,
      detail: {
        outboxId: entry.id,
        how: c.how,
        ...(c.reason ? { reason: c.reason } : {}),
        ...(c.bsreStatus ? { bsreStatus: c.bsreStatus } : {}),
      },
    });
    const app = await getApplication(services.db, services.dataKey, entry.applicationId);
    const template = services.templates.find((t) => t.id === app?.templateId);
    const step = template && app ? stepOf(template, entry.stepNo) : undefined;
    if (!app || !template || !step || app.status !== 'inProgress' || app.currentStepNo !== entry.stepNo) return;
    const registration = {
      ...((entry.stepData.bsreRegistration as Record<string, unknown> | undefined) ?? {}),
      confirmedAt: at,
      how: c.how,
      ...(c.bsreStatus ? { bsreStatus: c.bsreStatus } : {}),
      ...(c.how === 'marked-by-verifier' ? { markedBy: actorId, reason: c.reason ?? '' } : {}),
    };
    await completeStep(services.db, services.dataKey, template, app, step, {
      actorId,
      actorRole: 'verifikator',
      at,
      note: entry.stepNote,
      data: { ...entry.stepData, bsreRegistration: registration },
    });
  });
}

/** What the verifier reads when the worker cannot decide alone (the email itself is shown beside it). */
function verifierMessage(why: string): string {
  return `${why} Periksa email dinas pemohon di portal BSrE, lalu pilih "Kirim ulang" bila belum ada, atau "Tandai sudah terdaftar" bila sudah ada.`;
}

/** Applies a presence check to an `unknown` entry. */
async function applyPresence(services: Services, entry: OutboxEntry, presence: Presence): Promise<void> {
  switch (presence.kind) {
    case 'present':
      return await confirmRegistration(services, entry, {
        raw: presence.raw,
        how: 'status-check-after-unknown',
        bsreStatus: presence.status,
      });
    case 'absent':
      await keep(services, entry, 'problem', presence.raw);
      if (entry.attempts >= MAX_AUTOMATIC_SENDS) {
        await save(services, entry, {
          state: 'unknown',
          nextAttemptAt: later(services, VERIFIER_RECHECK_MS),
          lastError: verifierMessage(
            `Sudah ${entry.attempts} kali dikirim, tetapi BSrE belum mencatat email ini (NOT_REGISTERED).`,
          ),
        });
        return;
      }
      await save(services, entry, {
        state: 'pending',
        nextAttemptAt: services.clock.now().toISOString(),
        lastError: 'Jawaban pendaftaran tidak diterima; BSrE belum mencatat email ini (NOT_REGISTERED), dikirim ulang.',
      });
      return;
    case 'unclear':
      await keep(services, entry, 'problem', presence.raw);
      await save(services, entry, {
        state: 'unknown',
        nextAttemptAt: later(services, VERIFIER_RECHECK_MS),
        lastError: verifierMessage(`Pendaftaran belum pasti. ${presence.message}`),
      });
      return;
    case 'unreachable':
      await save(services, entry, {
        state: 'unknown',
        nextAttemptAt: later(services, backoffMs(entry.attempts)),
        lastError: `Hasil pendaftaran belum pasti; status email di BSrE belum dapat diperiksa (${presence.message}).`,
      });
      return;
  }
}

async function settleUnknown(services: Services, client: BsreClient, entry: OutboxEntry): Promise<void> {
  await applyPresence(services, entry, await presenceByEmail(client, entry.payload.email));
}

/** BSrE's refusal, plus what to change when it names a field the settings let us leave out. */
function refusalText(entry: OutboxEntry, code: string | null, message: string): string {
  const text = `BSrE menolak pendaftaran${code ? ` (kode ${code})` : ''}: ${message}`;
  const named = EXTRA_FIELDS.find((field) => message.includes(field));
  if (!named) return text;
  return `${text} Server BSrE ini tidak menerima field "${named}": matikan pengiriman ${named} di Pengaturan BSrE, lalu daftarkan ulang.`;
}

async function send(services: Services, client: BsreClient, entry: OutboxEntry): Promise<void> {
  const sending = await save(services, entry, { state: 'sending', attempts: entry.attempts + 1 });
  const result = await client.register(entry.payload);
  switch (result.kind) {
    case 'ok':
      if (result.value.confirmed)
        return await confirmRegistration(services, sending, { raw: result.raw, how: 'registered' });
      await keep(services, sending, 'unconfirmed', result.raw);
      await save(services, sending, {
        state: 'unknown',
        nextAttemptAt: services.clock.now().toISOString(),
        lastError: `BSrE menjawab HTTP ${result.raw.httpStatus ?? ''} tanpa isi yang dapat dibaca; pendaftaran dipastikan lewat status email sebelum dianggap selesai.`,
      });
      return;
    case 'rejected': {
      await keep(services, sending, 'rejected', result.raw);
      const presence = await presenceByEmail(client, sending.payload.email);
      if (presence.kind === 'present')
        return await confirmRegistration(services, sending, {
          raw: presence.raw,
          how: 'already-registered',
          bsreStatus: presence.status,
        });
      await save(services, sending, {
        state: 'failed',
        lastError: refusalText(sending, result.bsreCode, result.message),
      });
      return;
    }
    case 'unauthorized':
      await save(services, sending, {
        state: 'pending',
        nextAttemptAt: later(services, backoffMs(sending.attempts)),
        lastError: `${credentialMessage(result.raw.httpStatus ?? 401)} Dicoba lagi otomatis.`,
      });
      return;
    case 'unavailable':
      await save(services, sending, {
        state: 'pending',
        nextAttemptAt: later(services, backoffMs(sending.attempts)),
        lastError: `BSrE tidak dapat dihubungi: ${result.message}. Dicoba lagi otomatis.`,
      });
      return;
    case 'unknown':
      await save(services, sending, {
        state: 'unknown',
        nextAttemptAt: later(services, 2_000),
        lastError: 'Permintaan terkirim tetapi jawaban tidak diterima; status email diperiksa sebelum mengirim ulang.',
      });
      return;
  }
}

/** One pass over the due entries; returns how many were handled. */
export async function processOutbox(services: Services, logger: Logger): Promise<number> {
  const client = services.bsre.client();
  if (!client) return 0;
  const due = await dueOutbox(services.db, services.dataKey, services.clock.now().toISOString());
  for (const entry of due) {
    try {
      if (entry.state === 'unknown') await settleUnknown(services, client, entry);
      else await send(services, client, entry);
    } catch (error) {
      logger.error(`outbox entry ${entry.id} failed`, error);
    }
  }
  return due.length;
}

/** The verifier's "Periksa lagi": one presence check for an `unknown` entry, now. */
export async function recheckEntry(services: Services, client: BsreClient, entry: OutboxEntry): Promise<void> {
  await settleUnknown(services, client, entry);
}
