/** The list of applications with search by name, NIK or NIP, and a filter by state. */
import { useCallback, useEffect, useState } from 'react';

import type { ApplicationSummary } from '../../shared/domain/application';
import { SERVICE_TYPE_LABELS } from '../../shared/domain/application';
import { ROLE_LABELS } from '../../shared/domain/roles';
import { formatDateTime } from '../../shared/domain/time';
import { call } from '../api';
import { StatusBadge } from '../components/Badges';
import { ErrorBanner } from '../components/Field';
import { useApp } from '../state/app-store';

type StatusFilter = 'open' | 'all' | 'completed' | 'rejected';

export function ApplicationsScreen() {
  const { go, user, office } = useApp();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>('open');
  const [rows, setRows] = useState<ApplicationSummary[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (q: string, s: StatusFilter) => {
    const result = await call('applications.list', { query: q, status: s, limit: 200 });
    if (result.ok) {
      setRows(result.value);
      setError(null);
    } else setError(result.error.message);
  }, []);

  useEffect(() => {
    const t = window.setTimeout(() => void load(query, status), 200);
    return () => window.clearTimeout(t);
  }, [query, status, load]);

  return (
    <section>
      <div className="page-head">
        <h1>Permohonan</h1>
        {(user?.role === 'verifikator' || user?.role === 'kasi') && (
          <button type="button" className="primary" onClick={() => go({ name: 'intake' })}>
            + Permohonan baru
          </button>
        )}
      </div>
      <div className="toolbar">
        <label htmlFor="search">Cari</label>
        <input
          id="search"
          type="search"
          placeholder="Nama, NIK (16 digit), atau NIP"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label htmlFor="status-filter">Status</label>
        <select id="status-filter" value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
          <option value="open">Sedang berjalan</option>
          <option value="completed">Selesai</option>
          <option value="rejected">Ditolak</option>
          <option value="all">Semua</option>
        </select>
      </div>
      <ErrorBanner message={error} />
      {rows.length === 0 ? (
        <p className="empty">Belum ada permohonan yang cocok.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Nomor</th>
              <th>Pemohon</th>
              <th>NIK</th>
              <th>OPD</th>
              <th>Layanan</th>
              <th>Langkah</th>
              <th>Status</th>
              <th>Diterima</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="clickable" onClick={() => go({ name: 'application', id: r.id })}>
                <td>
                  <button type="button" className="link" onClick={() => go({ name: 'application', id: r.id })}>
                    {r.referenceNo}
                  </button>
                </td>
                <td>{r.applicantName}</td>
                <td className="mono">{r.nik}</td>
                <td>{r.agency}</td>
                <td>{SERVICE_TYPE_LABELS[r.serviceType]}</td>
                <td>
                  {r.currentStepNo}
                  {r.currentStepActor && <span className="muted"> · {ROLE_LABELS[r.currentStepActor]}</span>}
                </td>
                <td>
                  <StatusBadge status={r.status} />
                </td>
                <td>{formatDateTime(r.createdAt, office?.timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
