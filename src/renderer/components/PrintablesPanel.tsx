/** "Cetak" on an application: the lembar disposisi, the filled form and (after handover) the receipt, as PDFs to save and print. */
import { useState } from 'react';

import type { ApplicationDetail } from '../../shared/domain/application';
import type { PrintableKind } from '../../shared/domain/reports';
import { call } from '../api';
import { saveFile } from '../download';
import { ErrorBanner } from './Field';

const BUTTONS: { kind: PrintableKind; label: string }[] = [
  { kind: 'disposition', label: 'Cetak lembar disposisi' },
  { kind: 'applicationForm', label: 'Cetak formulir permohonan' },
  { kind: 'handoverReceipt', label: 'Cetak tanda terima' },
];

export function PrintablesPanel({ app }: { app: ApplicationDetail }) {
  const [busy, setBusy] = useState<PrintableKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const handedOver = app.events.some(
    (e) => e.kind === 'completed' && typeof e.data.handover === 'object' && e.data.handover !== null,
  );

  async function print(kind: PrintableKind) {
    setBusy(kind);
    setError(null);
    const r = await call('printables.get', { applicationId: app.id, kind });
    setBusy(null);
    if (r.ok) saveFile(r.value);
    else setError(r.error.message);
  }

  return (
    <section className="panel printables-panel" aria-label="Cetak dokumen">
      <h2>Cetak dokumen</h2>
      <ErrorBanner message={error} />
      <div className="printables-buttons">
        {BUTTONS.filter((b) => b.kind !== 'handoverReceipt' || handedOver).map((b) => (
          <button
            key={b.kind}
            type="button"
            className="secondary"
            disabled={busy !== null}
            onClick={() => void print(b.kind)}
          >
            {busy === b.kind ? 'Menyiapkan…' : b.label}
          </button>
        ))}
      </div>
      {!handedOver && <p className="muted">Tanda terima dapat dicetak setelah penyerahan sertifikat dicatat.</p>}
    </section>
  );
}
