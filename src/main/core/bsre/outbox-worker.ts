/**
 * Sends what the outbox holds. A request is marked `sending` (committed) before it leaves, so a
 * crash mid-call is found on restart; a request whose answer never came is `unknown` and is settled
 * by a status check before anything is sent again — BSrE never gets the same registration twice.
 */
import { stepOf } from '../../../shared/sop/template';
import type { Services } from '../context';
import type { Logger } from '../logger';
import { newId } from '../services/ids';
import { completeStep } from '../services/step-transition';
import { inTransaction } from '../store/db';
import { getApplication } from '../store/repos/applications';
import { writeAudit } from '../store/repos/audit';
import { dueOutbox, type OutboxEntry, updateOutbox } from '../store/repos/bsre-outbox';
import { insertResponse } from '../store/repos/bsre-responses';
import type { BsreClient, RawResponse } from './types';

const MAX_BACKOFF_MS = 10 * 60_000;
const backoffMs = (attempts: number) => Math.min(MAX_BACKOFF_MS, 5_000 * 2 ** Math.max(0, attempts - 1));

function later(services: Services, ms: number): string {
  return new Date(services.clock.now().getTime() + ms).toISOString();
}

function save(
  services: Services,
  entry: OutboxEntry,
  change: Partial<Pick<OutboxEntry, 'state' | 'attempts' | 'nextAttemptAt' | 'lastError'>>,
): OutboxEntry {
  const next = { ...entry, ...change, updatedAt: services.clock.now().toISOString() };
  updateOutbox(services.db, next);
  return next;
}

/** BSrE has the registration: mark it done and complete the step it was requested from. */
function confirm(services: Services, entry: OutboxEntry, raw: RawResponse | null, how: string): void {
  inTransaction(services.db, () => {
    const at = services.clock.now().toISOString();
    save(services, entry, { state: 'done', lastError: null });
    if (raw)
      insertResponse(services.db, services.dataKey, {
        id: newId(),
        applicationId: entry.applicationId,
        outcome: 'ok',
        raw,
      });
    writeAudit(services.db, {
      at,
      userId: entry.requestedBy,
      action: 'bsre.registration_confirmed',
      entity: 'application',
      entityId: entry.applicationId,
      detail: { outboxId: entry.id, how },
    });
    const app = getApplication(services.db, services.dataKey, entry.applicationId);
    const template = services.templates.find((t) => t.id === app?.templateId);
    const step = template && app ? stepOf(template, entry.stepNo) : undefined;
    if (!app || !template || !step || app.status !== 'inProgress' || app.currentStepNo !== entry.stepNo) return;
    const registration = {
      ...((entry.stepData.bsreRegistration as Record<string, unknown> | undefined) ?? {}),
      confirmedAt: at,
      how,
    };
    completeStep(services.db, services.dataKey, template, app, step, {
      actorId: entry.requestedBy,
      actorRole: 'verifikator',
      at,
      note: entry.stepNote,
      data: { ...entry.stepData, bsreRegistration: registration },
    });
  });
}

async function alreadyRegistered(
  client: BsreClient,
  entry: OutboxEntry,
): Promise<{ registered: boolean | null; raw: RawResponse | null }> {
  const identity = entry.payload.nik ? { nik: entry.payload.nik } : { email: entry.payload.email };
  const status = await client.checkStatus(identity);
  if (status.kind !== 'ok') return { registered: null, raw: status.raw };
  return { registered: status.value.status !== 'NOT_REGISTERED', raw: status.raw };
}

async function settleUnknown(services: Services, client: BsreClient, entry: OutboxEntry): Promise<void> {
  const check = await alreadyRegistered(client, entry);
  if (check.registered === true) return confirm(services, entry, check.raw, 'status-check-after-unknown');
  if (check.registered === false) {
    save(services, entry, {
      state: 'pending',
      nextAttemptAt: services.clock.now().toISOString(),
      lastError: 'Jawaban pendaftaran tidak diterima; BSrE belum mencatatnya, dikirim ulang.',
    });
    return;
  }
  save(services, entry, {
    nextAttemptAt: later(services, backoffMs(entry.attempts)),
    lastError: 'Hasil pendaftaran belum pasti; menunggu BSrE dapat dihubungi untuk memeriksa status.',
  });
}

async function send(services: Services, client: BsreClient, entry: OutboxEntry): Promise<void> {
  const sending = save(services, entry, { state: 'sending', attempts: entry.attempts + 1 });
  const result = await client.register(entry.payload);
  switch (result.kind) {
    case 'ok':
      return confirm(services, sending, result.raw, 'registered');
    case 'rejected': {
      const check = await alreadyRegistered(client, sending);
      if (check.registered === true) return confirm(services, sending, result.raw, 'already-registered');
      insertResponse(services.db, services.dataKey, {
        id: newId(),
        applicationId: entry.applicationId,
        outcome: 'rejected',
        raw: result.raw,
      });
      save(services, sending, {
        state: 'failed',
        lastError: `BSrE menolak pendaftaran${result.bsreCode ? ` (kode ${result.bsreCode})` : ''}: ${result.message}`,
      });
      return;
    }
    case 'unauthorized':
      save(services, sending, {
        state: 'pending',
        nextAttemptAt: later(services, backoffMs(sending.attempts)),
        lastError: 'Nama pengguna/kata sandi layanan BSrE ditolak (401). Periksa Pengaturan BSrE.',
      });
      return;
    case 'unavailable':
      save(services, sending, {
        state: 'pending',
        nextAttemptAt: later(services, backoffMs(sending.attempts)),
        lastError: `BSrE tidak dapat dihubungi: ${result.message}. Dicoba lagi otomatis.`,
      });
      return;
    case 'unknown':
      save(services, sending, {
        state: 'unknown',
        nextAttemptAt: later(services, 2_000),
        lastError: 'Permintaan terkirim tetapi jawaban tidak diterima; status diperiksa sebelum mengirim ulang.',
      });
      return;
  }
}

/** One pass over the due entries; returns how many were handled. */
export async function processOutbox(services: Services, logger: Logger): Promise<number> {
  const client = services.bsre.client();
  if (!client) return 0;
  const due = dueOutbox(services.db, services.dataKey, services.clock.now().toISOString());
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
