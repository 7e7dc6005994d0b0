/** The SOP table as the paper SOP prints it; the Admin chooses which template the office runs. */
import { useEffect, useState } from 'react';

import { ROLE_LABELS } from '../../shared/domain/roles';
import { formatDuration } from '../../shared/domain/sla';
import { PERFORMER_LABELS, type SopTemplate } from '../../shared/sop/template';
import { call } from '../api';
import { ErrorBanner } from '../components/Field';
import { useApp } from '../state/app-store';

export function SopScreen() {
  const { user, office, setOffice } = useApp();
  const [templates, setTemplates] = useState<SopTemplate[]>([]);
  const [activeId, setActiveId] = useState('');
  const [shownId, setShownId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    void call('sop.list', {}).then((r) => {
      if (!r.ok) return setError(r.error.message);
      setTemplates(r.value.templates);
      setActiveId(r.value.activeTemplateId);
      setShownId(r.value.activeTemplateId);
    });
  }, []);

  const shown = templates.find((t) => t.id === shownId);
  const activate = async () => {
    if (!office || !shown) return;
    const result = await call('office.update', { ...office, sopTemplateId: shown.id });
    if (!result.ok) return setError(result.error.message);
    setOffice(result.value);
    setActiveId(shown.id);
    setMessage(`Templat "${shown.office}" sekarang dipakai untuk permohonan baru.`);
  };

  return (
    <section>
      <div className="page-head">
        <h1>Templat SOP</h1>
        <div className="toolbar">
          <label htmlFor="template-select">Templat</label>
          <select id="template-select" value={shownId} onChange={(e) => setShownId(e.target.value)}>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.office}
                {t.id === activeId ? ' (dipakai)' : ''}
              </option>
            ))}
          </select>
          {user?.role === 'admin' && shown && shown.id !== activeId && (
            <button type="button" className="primary" onClick={() => void activate()}>
              Pakai templat ini
            </button>
          )}
        </div>
      </div>
      <ErrorBanner message={error} />
      {message && (
        <div className="banner banner-ok" role="status">
          {message}
        </div>
      )}
      {shown && (
        <>
          <p>
            <strong>{shown.name}</strong> · Nomor SOP {shown.sopNumber} · {shown.source}
          </p>
          <table className="table sop-table">
            <thead>
              <tr>
                <th>No</th>
                <th>Kegiatan</th>
                <th>Pelaksana</th>
                <th>Dicatat oleh</th>
                <th>Kelengkapan</th>
                <th>Waktu</th>
                <th>Output</th>
                <th>Keterangan</th>
              </tr>
            </thead>
            <tbody>
              {shown.steps.map((s) => (
                <tr key={s.no}>
                  <td>{s.no}</td>
                  <td>{s.activity}</td>
                  <td>{PERFORMER_LABELS[s.performer]}</td>
                  <td>{ROLE_LABELS[s.actor]}</td>
                  <td>{s.requirements}</td>
                  <td>{s.standardMinutes === null ? '–' : formatDuration(s.standardMinutes)}</td>
                  <td>{s.output || '–'}</td>
                  <td>{s.remarks || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">Pencatatan dan pendataan: {shown.records.join('; ')}</p>
        </>
      )}
    </section>
  );
}
