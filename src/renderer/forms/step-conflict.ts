/**
 * Two desks on one step: exactly one wins. The other desk's action answers a conflict code (the
 * step moved on, the application was returned or closed); this turns the freshly re-read
 * application into the plain sentence it shows — who acted, what they did and when — so nobody
 * wonders whether their work was lost or saved twice.
 */
import type { ApplicationDetail, StepEventKind } from '../../shared/domain/application';
import type { TimeZoneLabel } from '../../shared/domain/office';
import { ROLE_LABELS } from '../../shared/domain/roles';
import { formatDateTime } from '../../shared/domain/time';

/** Answers that mean "someone else moved this application first". */
export const CONFLICT_CODES: readonly string[] = ['STEP_MISMATCH', 'APPLICATION_CLOSED', 'APPLICATION_RETURNED'];

const DONE: Record<StepEventKind, string> = {
  completed: 'dicatat',
  returned: 'dikembalikan kepada pemohon',
  resubmitted: 'dilanjutkan dengan berkas perbaikan',
  rejected: 'ditolak',
};

/** What happened to step `stepNo` since this desk opened it, from the re-read application. */
export function conflictNotice(app: ApplicationDetail, stepNo: number, zone: TimeZoneLabel = 'WIB'): string {
  const events = [...app.events].sort((a, b) => a.at.localeCompare(b.at));
  const event = events.filter((e) => e.stepNo === stepNo).at(-1) ?? events.at(-1);
  const tail = 'Tidak ada yang tersimpan dua kali; permohonan sudah dimuat ulang — lihat riwayat langkah.';
  if (!event) return `Permohonan ini sudah diubah dari meja lain. ${tail}`;
  return (
    `Langkah ${event.stepNo} sudah ${DONE[event.kind]} oleh ${event.actorName} (${ROLE_LABELS[event.actorRole]}) ` +
    `pada ${formatDateTime(event.at, zone)}. ${tail}`
  );
}
