/** The SOP steps as a timeline: what was done, by whom, when, and how long against the standard. */
import type { ApplicationDetail, StepEvent } from '../../shared/domain/application';
import { ROLE_LABELS } from '../../shared/domain/roles';
import { formatDuration } from '../../shared/domain/sla';
import { formatDateTime } from '../../shared/domain/time';
import { PERFORMER_LABELS, type SopTemplate } from '../../shared/sop/template';
import { useApp } from '../state/app-store';
import { LiveSla, SlaBadge } from './Badges';

const EVENT_LABELS: Record<StepEvent['kind'], string> = {
  completed: 'Selesai',
  returned: 'Dikembalikan ke pemohon',
  resubmitted: 'Berkas perbaikan diterima',
  rejected: 'Ditolak',
};

export function Timeline({ app, template }: { app: ApplicationDetail; template: SopTemplate }) {
  const office = useApp((s) => s.office);
  return (
    <ol className="timeline" aria-label="Langkah SOP">
      {template.steps.map((step) => {
        const events = app.events.filter((e) => e.stepNo === step.no);
        const done = events.some((e) => e.kind === 'completed');
        const current = !done && app.currentStepNo === step.no && app.status !== 'completed';
        const state = done ? 'done' : current ? 'current' : 'waiting';
        return (
          <li
            key={step.no}
            className={`step step-${state}`}
            data-step={step.no}
            aria-current={current ? 'step' : undefined}
          >
            <div className="step-head">
              <span className="step-no">{done ? '✓' : step.no}</span>
              <div>
                <strong>{step.activity}</strong>
                <div className="muted">
                  {PERFORMER_LABELS[step.performer]}
                  {step.performer !== step.actor && <> · dicatat oleh {ROLE_LABELS[step.actor]}</>} · standar{' '}
                  {step.standardMinutes === null ? '–' : formatDuration(step.standardMinutes)} · keluaran:{' '}
                  {step.output || '–'}
                </div>
              </div>
            </div>
            {events.map((e) => (
              <div key={e.id} className={`event event-${e.kind}`}>
                <span>
                  {EVENT_LABELS[e.kind]} oleh {e.actorName} ({ROLE_LABELS[e.actorRole]}),{' '}
                  {formatDateTime(e.at, office?.timeZone)}
                </span>
                {e.kind !== 'resubmitted' && (
                  <SlaBadge elapsedMinutes={e.elapsedMinutes} standardMinutes={e.standardMinutes} />
                )}
                {e.note && <div className="note">“{e.note}”</div>}
              </div>
            ))}
            {current && app.status === 'inProgress' && (
              <div className="event">
                Sedang berjalan sejak {formatDateTime(app.currentStepStartedAt, office?.timeZone)}{' '}
                <LiveSla since={app.currentStepStartedAt} standardMinutes={step.standardMinutes} />
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
