/** Status and time-standard badges: words and an icon, never colour alone. */
import { useEffect, useState } from 'react';

import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from '../../shared/domain/application';
import { formatDuration, minutesBetween, SLA_LABELS, type SlaState, slaState } from '../../shared/domain/sla';

const SLA_ICONS: Record<SlaState, string> = { none: '○', onTime: '✓', near: '⏳', overdue: '⚠' };

export function StatusBadge({ status }: { status: ApplicationStatus }) {
  return <span className={`badge status-${status}`}>{APPLICATION_STATUS_LABELS[status]}</span>;
}

export function SlaBadge({
  elapsedMinutes,
  standardMinutes,
}: {
  elapsedMinutes: number;
  standardMinutes: number | null;
}) {
  const state = slaState(elapsedMinutes, standardMinutes);
  return (
    <span className={`badge sla-${state}`} title={SLA_LABELS[state]}>
      {SLA_ICONS[state]} {formatDuration(elapsedMinutes)}
      {standardMinutes !== null && <> / {formatDuration(standardMinutes)}</>} · {SLA_LABELS[state]}
    </span>
  );
}

/** A running timer for an open step, refreshed every 30 seconds. */
export function LiveSla({ since, standardMinutes }: { since: string; standardMinutes: number | null }) {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const t = window.setInterval(() => setNow(new Date().toISOString()), 30_000);
    return () => window.clearInterval(t);
  }, []);
  return <SlaBadge elapsedMinutes={minutesBetween(since, now)} standardMinutes={standardMinutes} />;
}
