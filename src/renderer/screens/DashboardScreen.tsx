/** Dasbor: volume per period by service type, step durations against the SOP, overall compliance. */
import { useCallback, useEffect, useState } from 'react';

import type { DashboardView, Granularity } from '../../shared/domain/dashboard';
import { GRANULARITY_LABELS } from '../../shared/domain/dashboard';
import { formatDuration } from '../../shared/domain/sla';
import { formatDate, todayIn } from '../../shared/domain/time';
import { call } from '../api';
import { formatPercent, StepDurationTable } from '../components/dashboard/StepDurationTable';
import { VolumeChart } from '../components/dashboard/VolumeChart';
import { DateInput } from '../components/DateInput';
import { ErrorBanner } from '../components/Field';
import { useApp } from '../state/app-store';

interface Period {
  granularity: Granularity;
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const shiftDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The usual views: the last 30 days by day, 12 weeks by week, 12 months by month. */
function preset(granularity: Granularity, today: string): Period {
  const days = granularity === 'day' ? 29 : granularity === 'week' ? 83 : 364;
  return { granularity, from: shiftDays(today, -days), to: today };
}

export function DashboardScreen() {
  const { office } = useApp();
  const zone = office?.timeZone ?? 'WIB';
  const [period, setPeriod] = useState<Period>(() => preset('day', todayIn(zone, new Date())));
  const [view, setView] = useState<DashboardView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (p: Period) => {
    const result = await call('dashboard.get', p);
    if (result.ok) {
      setView(result.value);
      setError(null);
    } else setError(result.error.fields ? Object.values(result.error.fields).join(' ') : result.error.message);
  }, []);

  useEffect(() => {
    void load(period);
  }, [period, load]);

  return (
    <section>
      <div className="page-head">
        <h1>Dasbor</h1>
      </div>
      <div className="toolbar period-picker">
        <label htmlFor="granularity">Periode</label>
        <select
          id="granularity"
          value={period.granularity}
          onChange={(e) => setPeriod(preset(e.target.value as Granularity, todayIn(zone, new Date())))}
        >
          {(Object.keys(GRANULARITY_LABELS) as Granularity[]).map((g) => (
            <option key={g} value={g}>
              {GRANULARITY_LABELS[g]}
            </option>
          ))}
        </select>
        <label htmlFor="from">Dari</label>
        <DateInput id="from" value={period.from} onChange={(v) => v && setPeriod({ ...period, from: v })} />
        <label htmlFor="to">Sampai</label>
        <DateInput id="to" value={period.to} onChange={(v) => v && setPeriod({ ...period, to: v })} />
      </div>
      <ErrorBanner message={error} />
      {view && (
        <>
          <p className="muted">
            {formatDate(view.from)} – {formatDate(view.to)}
          </p>
          <ul className="count-tiles" aria-label="Ringkasan kinerja">
            <li className="count-tile tile-total" data-testid="dash-total">
              <span className="count-value">{view.totalApplications.toLocaleString('id-ID')}</span>
              <span className="count-label">Permohonan masuk</span>
            </li>
            <li className="count-tile tile-onTime" data-testid="dash-completed">
              <span className="count-value">{view.completedApplications.toLocaleString('id-ID')}</span>
              <span className="count-label">Permohonan selesai</span>
            </li>
            <li className="count-tile tile-near" data-testid="dash-average">
              <span className="count-value">
                {view.averageTotalMinutes === null ? '–' : formatDuration(view.averageTotalMinutes)}
              </span>
              <span className="count-label">Rata-rata lama penyelesaian</span>
            </li>
            <li className="count-tile tile-total" data-testid="dash-compliance">
              <span className="count-value">{formatPercent(view.compliancePercent)}</span>
              <span className="count-label">Langkah sesuai standar waktu</span>
            </li>
          </ul>
          <div className="panel">
            <h2>
              Permohonan per {view.granularity === 'day' ? 'hari' : view.granularity === 'week' ? 'minggu' : 'bulan'}{' '}
              menurut jenis layanan
            </h2>
            <VolumeChart buckets={view.volume} />
          </div>
          <div className="panel">
            <h2>Lama tiap langkah SOP dibanding standar</h2>
            <StepDurationTable steps={view.steps} />
          </div>
        </>
      )}
    </section>
  );
}
