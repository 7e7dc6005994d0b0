/** "Unduh XLSX" / "Unduh PDF" of the recap for the chosen OPD and an issue period. */
import { useState } from 'react';

import { call } from '../../api';
import { saveFile } from '../../download';

export function RecapExport({ agency }: { agency: string }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState<'xlsx' | 'pdf' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const download = async (format: 'xlsx' | 'pdf') => {
    setBusy(format);
    setError(null);
    const r = await call('holders.export', {
      format,
      agency: agency || undefined,
      from: from || undefined,
      to: to || undefined,
    });
    setBusy(null);
    if (r.ok) saveFile(r.value);
    else setError(r.error.message);
  };

  return (
    <div className="toolbar recap-export">
      <span className="muted">Unduh rekap {agency ? `OPD ${agency}` : 'semua OPD'}, terbit</span>
      <label htmlFor="export-from">dari</label>
      <input id="export-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      <label htmlFor="export-to">s.d.</label>
      <input id="export-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      <button type="button" className="secondary" disabled={busy !== null} onClick={() => void download('xlsx')}>
        {busy === 'xlsx' ? 'Menyiapkan…' : 'Unduh XLSX'}
      </button>
      <button type="button" className="secondary" disabled={busy !== null} onClick={() => void download('pdf')}>
        {busy === 'pdf' ? 'Menyiapkan…' : 'Unduh PDF'}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
