/** The recap of TTE users: every certificate holder with validity, searchable. */
import { useEffect, useState } from 'react';
import type { HolderView } from '../../shared/domain/application';
import { formatDate } from '../../shared/domain/time';
import { call } from '../api';
import { ErrorBanner } from '../components/Field';

export function HoldersScreen() {
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<HolderView[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const t = window.setTimeout(async () => {
      const r = await call('holders.list', { query });
      if (r.ok) setRows(r.value);
      else setError(r.error.message);
    }, 200);
    return () => window.clearTimeout(t);
  }, [query]);

  return (
    <section>
      <h1>Rekap pengguna TTE</h1>
      <div className="toolbar">
        <label htmlFor="holder-search">Cari</label>
        <input id="holder-search" type="search" placeholder="Nama, NIP, OPD, atau NIK" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
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
                <td>{h.bsreStatus}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
