/**
 * Builds the queue from the open applications: the current step from each application's SOP
 * template, who holds it, who it waits on, time against the standard, filters, counts and order.
 * Takes the db and templates directly (no session) so the bench can time exactly this.
 */
import type { z } from 'zod';

import type { queueFilterSchema } from '../../../shared/contract/records-schemas';
import { completedByBsre, waitsOnBsre } from '../../../shared/domain/bsre-status';
import {
  QUEUE_ROW_LIMIT,
  type QueueCounts,
  type QueueItem,
  type QueueView,
  stepKey,
  type WaitingOn,
} from '../../../shared/domain/queue';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { minutesBetween, type SlaState, slaState } from '../../../shared/domain/sla';
import { type SopStep, type SopTemplate, stepOf } from '../../../shared/sop/template';
import type { Db } from '../store/db';
import { activeVerifiers, listOpenApplications, type OpenApplicationRow } from '../store/repos/queue';

export type QueueFilter = z.output<typeof queueFilterSchema>;

/** BSrE holds it when the step is settled by BSrE's status, issuance is still awaited, or a registration is in flight. */
function waitingOnFor(row: OpenApplicationRow, step: SopStep | undefined): WaitingOn {
  if (row.status === 'returned') return 'applicant';
  if (row.outboxOpen) return 'bsre';
  if (step && completedByBsre(step)) return 'bsre';
  if (step && waitsOnBsre(step) && step.actions.includes('issuance') && !row.issued) return 'bsre';
  return 'office';
}

function holderFor(row: OpenApplicationRow, step: SopStep | undefined): string {
  if (row.status === 'returned') return 'Pemohon';
  if (!step) return '-';
  if (step.actor === 'verifikator') return row.verifierName ?? 'Verifikator (belum ditugaskan)';
  return ROLE_LABELS[step.actor];
}

export function toQueueItem(row: OpenApplicationRow, templates: readonly SopTemplate[], nowIso: string): QueueItem {
  const template = templates.find((t) => t.id === row.templateId);
  const step = template ? stepOf(template, row.stepNo) : undefined;
  const elapsedMinutes = minutesBetween(row.stepStartedAt, nowIso);
  // While returned, the office's clock is not running: no standard applies until resubmission.
  const standardMinutes = row.status === 'returned' ? null : (step?.standardMinutes ?? null);
  return {
    id: row.id,
    referenceNo: row.referenceNo,
    serviceType: row.serviceType,
    status: row.status,
    applicantName: row.applicantName,
    agency: row.agency,
    templateId: row.templateId,
    stepNo: row.stepNo,
    stepRole: row.status === 'inProgress' ? (step?.actor ?? null) : null,
    holder: holderFor(row, step),
    verifier: row.verifierId ? { id: row.verifierId, name: row.verifierName ?? '' } : null,
    waitingOn: waitingOnFor(row, step),
    stepStartedAt: row.stepStartedAt,
    elapsedMinutes,
    standardMinutes,
    sla: slaState(elapsedMinutes, standardMinutes),
  };
}

export function matchesFilter(item: QueueItem, f: QueueFilter): boolean {
  return (
    (f.stepNo === undefined || item.stepNo === f.stepNo) &&
    (f.verifierId === undefined || item.verifier?.id === f.verifierId) &&
    (!f.agency || item.agency === f.agency) &&
    (f.serviceType === undefined || item.serviceType === f.serviceType) &&
    (f.waitingOn === undefined || item.waitingOn === f.waitingOn)
  );
}

export function countQueue(items: readonly QueueItem[]): QueueCounts {
  const counts: QueueCounts = {
    total: items.length,
    onTime: 0,
    near: 0,
    overdue: 0,
    waitingOnApplicant: 0,
    waitingOnOffice: 0,
    waitingOnBsre: 0,
  };
  for (const i of items) {
    if (i.sla === 'onTime') counts.onTime++;
    else if (i.sla === 'near') counts.near++;
    else if (i.sla === 'overdue') counts.overdue++;
    if (i.waitingOn === 'applicant') counts.waitingOnApplicant++;
    else if (i.waitingOn === 'bsre') counts.waitingOnBsre++;
    else counts.waitingOnOffice++;
  }
  return counts;
}

const SLA_RANK: Record<SlaState, number> = { overdue: 3, near: 2, onTime: 1, none: 0 };

/** Most overdue first: overdue by minutes past the standard, then near and on time by share of the standard used, then those without a standard by age. */
export function compareUrgency(a: QueueItem, b: QueueItem): number {
  const rank = SLA_RANK[b.sla] - SLA_RANK[a.sla];
  if (rank !== 0) return rank;
  if (a.sla === 'overdue')
    return b.elapsedMinutes - (b.standardMinutes ?? 0) - (a.elapsedMinutes - (a.standardMinutes ?? 0));
  if (a.standardMinutes !== null && b.standardMinutes !== null)
    return b.elapsedMinutes / b.standardMinutes - a.elapsedMinutes / a.standardMinutes;
  return b.elapsedMinutes - a.elapsedMinutes;
}

/** The activity of each (template, step) the items stand at. */
function activitiesOf(items: readonly QueueItem[], templates: readonly SopTemplate[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of items) {
    const key = stepKey(i.templateId, i.stepNo);
    if (key in out) continue;
    const template = templates.find((t) => t.id === i.templateId);
    out[key] = (template ? stepOf(template, i.stepNo)?.activity : undefined) ?? '';
  }
  return out;
}

export async function queueView(
  db: Db,
  templates: readonly SopTemplate[],
  filter: QueueFilter,
  now: Date,
): Promise<QueueView> {
  const nowIso = now.toISOString();
  const all = (await listOpenApplications(db)).map((row) => toQueueItem(row, templates, nowIso));
  const matching = all.filter((i) => matchesFilter(i, filter)).sort(compareUrgency);
  const items = matching.slice(0, QUEUE_ROW_LIMIT);
  const everyActivity = activitiesOf(all, templates);
  const steps = new Map<number, string>();
  for (const i of all)
    if (!steps.has(i.stepNo)) steps.set(i.stepNo, everyActivity[stepKey(i.templateId, i.stepNo)] ?? '');
  return {
    generatedAt: nowIso,
    counts: countQueue(matching),
    items,
    truncated: matching.length > QUEUE_ROW_LIMIT,
    stepActivities: Object.fromEntries(
      items.map((i) => stepKey(i.templateId, i.stepNo)).map((key) => [key, everyActivity[key] ?? '']),
    ),
    options: {
      steps: [...steps].sort((a, b) => a[0] - b[0]).map(([no, activity]) => ({ no, activity })),
      verifiers: await activeVerifiers(db),
      agencies: [...new Set(all.map((i) => i.agency))].sort((a, b) => a.localeCompare(b, 'id')),
    },
  };
}
