/** "Unduh XLSX" / "Unduh PDF" of the recap for the chosen OPD and an issue period. */
import { useState } from 'react';

import { call } from '../../api';
import { saveFile } from '../../download';
import { DateInput } from '../DateInput';

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
      <DateInput id="export-from" value={from} onChange={setFrom} />
      <label htmlFor="export-to">s.d.</label>
      <DateInput id="export-to" value={to} onChange={setTo} />
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
