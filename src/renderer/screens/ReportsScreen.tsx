/** Laporan fasilitasi: pick a month, quarter or year, read the figures, download the PDF to sign or the XLSX. */
import { useEffect, useState } from 'react';

import type { FacilitationReport, ReportPeriod } from '../../shared/domain/reports';
import { todayIn } from '../../shared/domain/time';
import { call } from '../api';
import { ErrorBanner } from '../components/Field';
import { PeriodPicker } from '../components/reports/PeriodPicker';
import { ReportTables } from '../components/reports/ReportTables';
import { saveFile } from '../download';
import { useApp } from '../state/app-store';

function currentMonth(zone: Parameters<typeof todayIn>[0]): ReportPeriod {
  const [year, month] = todayIn(zone, new Date()).split('-').map(Number);
  return { kind: 'month', year: year ?? 2025, month: month ?? 1 };
}

export function ReportsScreen() {
  const office = useApp((s) => s.office);
  const zone = office?.timeZone ?? 'WIB';
  const [period, setPeriod] = useState<ReportPeriod>(() => currentMonth(zone));
  const [report, setReport] = useState<FacilitationReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [downloading, setDownloading] = useState<'pdf' | 'xlsx' | null>(null);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    void call('reports.facilitation', { period }).then((r) => {
      if (!live) return;
      setLoading(false);
      if (r.ok) setReport(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [period]);

  async function download(format: 'pdf' | 'xlsx') {
    setDownloading(format);
    setError(null);
    const r = await call('reports.facilitationFile', { period, format });
    setDownloading(null);
    if (r.ok) saveFile(r.value);
    else setError(r.error.message);
  }

  return (
    <section className="reports-screen">
      <h1>Laporan fasilitasi</h1>
      <p className="muted">Laporan Fasilitasi Layanan Penerbitan Sertifikat Elektronik</p>
      <div className="report-toolbar">
        <PeriodPicker value={period} onChange={setPeriod} />
        <div className="report-downloads">
          <button type="button" disabled={downloading !== null || !report} onClick={() => void download('pdf')}>
            {downloading === 'pdf' ? 'Menyiapkan PDF…' : 'Unduh PDF'}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={downloading !== null || !report}
            onClick={() => void download('xlsx')}
          >
            {downloading === 'xlsx' ? 'Menyiapkan XLSX…' : 'Unduh XLSX'}
          </button>
        </div>
      </div>
      <ErrorBanner message={error} />
      {loading && <p aria-live="polite">Menghitung laporan…</p>}
      {report && (
        <>
          <h2 data-testid="report-period">Periode: {report.periodLabel}</h2>
          <ReportTables report={report} zone={zone} />
        </>
      )}
    </section>
  );
}
