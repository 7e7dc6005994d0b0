/** Per SOP step: how long it took on average against the standard, and the share within the standard. */
import type { StepDuration } from '../../../shared/domain/dashboard';
import { formatDuration, SLA_LABELS, slaState } from '../../../shared/domain/sla';

export const formatPercent = (p: number | null) =>
  p === null ? '–' : `${p.toLocaleString('id-ID', { maximumFractionDigits: 1 })}%`;

export function StepDurationTable({ steps }: { steps: StepDuration[] }) {
  if (steps.length === 0) return <p className="empty">Belum ada langkah yang selesai pada rentang ini.</p>;
  return (
    <table className="table step-durations">
      <thead>
        <tr>
          <th>Langkah</th>
          <th>Selesai</th>
          <th>Rata-rata</th>
          <th>Standar</th>
          <th>Sesuai standar</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => {
          const state = slaState(s.averageMinutes, s.standardMinutes);
          return (
            <tr key={s.stepNo} data-testid="step-duration-row">
              <td title={s.activity}>
                <strong>{s.stepNo}.</strong> <span className="clamp">{s.activity}</span>
              </td>
              <td>{s.count.toLocaleString('id-ID')}</td>
              <td>
                <span className={`badge sla-${state}`} title={SLA_LABELS[state]}>
                  {formatDuration(s.averageMinutes)}
                </span>
              </td>
              <td>{s.standardMinutes === null ? '–' : formatDuration(s.standardMinutes)}</td>
              <td>
                <span className="meter" aria-hidden="true">
                  <span style={{ width: `${s.compliancePercent ?? 0}%` }} />
                </span>{' '}
                {formatPercent(s.compliancePercent)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
