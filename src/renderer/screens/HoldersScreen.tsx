/** The recap of TTE users: every certificate holder with validity, searchable. */
import { useEffect, useState } from 'react';
import type { HolderView } from '../../shared/domain/application';
import { formatDate, formatDateTime } from '../../shared/domain/time';
import type { RecapRefreshProgress } from '../../shared/domain/bsre';
import { useApp } from '../state/app-store';
import { call } from '../api';
import { ErrorBanner } from '../components/Field';

export function HoldersScreen() {
  const role = useApp((s) => s.user?.role);
  const office = useApp((s) => s.office);
  const [progress, setProgress] = useState<RecapRefreshProgress | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<HolderView[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const t = window.setTimeout(async () => {
      const r = await call('holders.list', { query });
      if (r.ok) setRows(r.value.rows);
      else setError(r.error.message);
    }, 200);
    return () => window.clearTimeout(t);
  }, [query, reloadKey]);

  useEffect(() => {
    if (!progress?.running) return;
    const timer = window.setInterval(async () => {
      const r = await call('holders.refreshProgress', {});
      if (!r.ok) return;
      setProgress(r.value);
      if (!r.value.running) setReloadKey((k) => k + 1);
    }, 1_000);
    return () => window.clearInterval(timer);
  }, [progress?.running]);

  const refresh = async () => {
    const r = await call('holders.refreshBsre', {});
    if (r.ok) setProgress(r.value);
    else setError(r.error.message);
  };

  return (
    <section>
      <h1>Rekap pengguna TTE</h1>
      <div className="toolbar">
        <label htmlFor="holder-search">Cari</label>
        <input id="holder-search" type="search" placeholder="Nama, NIP, OPD, atau NIK" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {(role === 'kasi' || role === 'verifikator') && (
        <div className="toolbar">
          <button type="button" className="secondary" onClick={() => void refresh()} disabled={progress?.running}>
            Segarkan status dari BSrE
          </button>
          {progress && (
            <span role="status">
              {progress.running ? 'Memeriksa' : 'Selesai memeriksa'} {progress.done} dari {progress.total} pemegang · {progress.mismatches} tidak sesuai
              {progress.failed > 0 && ` · ${progress.failed} gagal`} {progress.message}
            </span>
          )}
          {progress?.running && <progress max={progress.total} value={progress.done} />}
        </div>
      )}
      <ErrorBanner message={error} />
      {rows.length === 0 ? (
        <p className="empty">Belum ada pemegang sertifikat.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Nama</th>
              <th>NIK</th>
              <th>NIP</th>
              <th>OPD</th>
              <th>Jabatan</th>
              <th>Email dinas</th>
              <th>Terbit</th>
              <th>Berlaku hingga</th>
              <th>Status BSrE</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((h) => (
              <tr key={h.id}>
                <td>{h.name}</td>
                <td className="mono">{h.nik}</td>
                <td className="mono">{h.nip}</td>
                <td>{h.agency}</td>
                <td>{h.position}</td>
                <td>{h.officialEmail ?? '–'}</td>
                <td>{formatDate(h.issuedAt)}</td>
                <td>{formatDate(h.expiresAt)}</td>
                <td>
                  {h.bsreStatus}
                  {h.bsreMismatch && <div className="warning">⚠ Tidak sesuai dengan rekap</div>}
                  {h.bsreCheckedAt && <div className="hint">diperiksa {formatDateTime(h.bsreCheckedAt, office?.timeZone)}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
