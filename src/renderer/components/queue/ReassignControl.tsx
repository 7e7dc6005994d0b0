/** "Tugaskan ulang" for one queue row (Kasi only): pick another active verifier and confirm. */
import { useState } from 'react';

import { call } from '../../api';

interface Props {
  applicationId: string;
  currentVerifierId: string;
  verifiers: { id: string; name: string }[];
  onDone(message: string): void;
  onError(message: string): void;
}

export function ReassignControl({ applicationId, currentVerifierId, verifiers, onDone, onError }: Props) {
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const choices = verifiers.filter((v) => v.id !== currentVerifierId);

  if (!open) {
    return (
      <button type="button" className="secondary small" onClick={() => setOpen(true)} disabled={choices.length === 0}>
        Tugaskan ulang
      </button>
    );
  }

  async function submit() {
    if (!target) return;
    setBusy(true);
    const result = await call('queue.reassign', { applicationId, verifierId: target });
    setBusy(false);
    if (result.ok) {
      setOpen(false);
      setTarget('');
      onDone(`Permohonan ditugaskan kepada ${result.value.verifier.name}.`);
    } else onError(result.error.message);
  }

  return (
    <div className="reassign" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <select aria-label="Verifikator baru" value={target} onChange={(e) => setTarget(e.target.value)} autoFocus>
        <option value="">Pilih verifikator…</option>
        {choices.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>
      <button type="button" className="primary small" onClick={() => void submit()} disabled={!target || busy}>
        Simpan
      </button>
      <button type="button" className="link" onClick={() => setOpen(false)}>
        Batal
      </button>
    </div>
  );
}
