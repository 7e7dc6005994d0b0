/** Mode Latihan: the trainer sees the simulated activation emails and moves simulated users along. */
import { useCallback, useEffect, useState } from 'react';

import type { TrainingState } from '../../shared/domain/bsre';
import { bsreStatusLabel } from '../../shared/domain/bsre-status';
import { formatDateTime } from '../../shared/domain/time';
import { call } from '../api';
import { ErrorBanner } from '../components/Field';
import { useApp } from '../state/app-store';

const ACTIONS = [
  { action: 'activate', label: 'Aktivasi oleh pemohon' },
  { action: 'verify', label: 'Verifikasi' },
  { action: 'issue', label: 'Terbitkan' },
  { action: 'expire', label: 'Kedaluwarsakan' },
  { action: 'renew', label: 'Perpanjang' },
  { action: 'suspend', label: 'Tangguhkan' },
  { action: 'unsuspend', label: 'Pulihkan' },
  { action: 'revoke', label: 'Cabut' },
] as const;

export function TrainingScreen() {
  const office = useApp((s) => s.office);
  const [state, setState] = useState<TrainingState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await call('training.state', {});
    if (r.ok) setState(r.value);
    else setError(r.error.message);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (email: string, name: string, action: (typeof ACTIONS)[number]['action'], label: string) => {
    const r = await call('training.act', { email, action });
    if (r.ok) {
      setState(r.value);
      setError(null);
      setMessage(`${label}: ${name}.`);
    } else setError(r.error.message);
  };

  return (
    <section className="stack">
      <h1>Panel pelatih (Mode Latihan)</h1>
      <p className="muted">
        Gerakkan pengguna simulasi seperti BSrE dan pemohon melakukannya. Status aplikasi diperbarui otomatis oleh
        pemeriksa status.
      </p>
      <ErrorBanner message={error} />
      {message && (
        <div className="banner banner-ok" role="status">
          {message}
        </div>
      )}
      <button type="button" className="secondary" onClick={() => void load()}>
        Muat ulang
      </button>
      {state && state.users.length === 0 && (
        <p className="empty">
          Belum ada pengguna terdaftar di simulator. Daftarkan pemohon dari langkah pendaftaran BSrE.
        </p>
      )}
      {state && state.users.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Nama</th>
              <th>NIK</th>
              <th>Email</th>
              <th>Status</th>
              <th>Tindakan</th>
            </tr>
          </thead>
          <tbody>
            {state.users.map((u) => (
              <tr key={u.email}>
                <td>{u.name}</td>
                <td className="mono">{u.nik}</td>
                <td>{u.email}</td>
                <td>{bsreStatusLabel(u.status)}</td>
                <td className="row-actions">
                  {ACTIONS.map((a) => (
                    <button
                      key={a.action}
                      type="button"
                      className="secondary"
                      aria-label={`${a.label} ${u.name}`}
                      onClick={() => void act(u.email, u.name, a.action, a.label)}
                    >
                      {a.label}
                    </button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {state && state.emails.length > 0 && (
        <section className="panel">
          <h2>Email aktivasi simulasi</h2>
          <ul className="docs">
            {state.emails.map((m) => (
              <li key={`${m.to}-${m.at}`}>
                <strong>{m.subject}</strong> — kepada {m.to}, {formatDateTime(m.at, office?.timeZone)}
                <pre className="email-body" tabIndex={0}>
                  {m.body}
                </pre>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
