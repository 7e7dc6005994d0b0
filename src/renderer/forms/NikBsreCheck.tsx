/** At intake: ask BSrE about the typed NIK and suggest the service the applicant needs. */
import { useState } from 'react';

import { SERVICE_TYPE_LABELS, type ServiceType } from '../../shared/domain/application';
import type { NikStatusCheck } from '../../shared/domain/bsre';
import { checkNik } from '../../shared/identity/nik';
import { call } from '../api';

export function NikBsreCheck({ nik, onUse }: { nik: string; onUse: (serviceType: ServiceType) => void }) {
  const [result, setResult] = useState<NikStatusCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    const r = await call('bsre.checkNik', { nik });
    setBusy(false);
    if (r.ok) {
      setResult(r.value);
      setError(null);
    } else {
      setResult(null);
      setError(r.error.fields?.nik ?? r.error.message);
    }
  };

  const suggested = result?.suggestion.serviceType;
  return (
    <div className="bsre-check">
      <button
        type="button"
        className="secondary"
        onClick={() => void run()}
        disabled={busy || !checkNik(nik ?? '').valid}
      >
        {busy ? 'Memeriksa…' : 'Periksa status BSrE'}
      </button>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
      {result && (
        <div className="banner banner-info" role="status">
          <strong>Status BSrE: {result.statusLabel}</strong>
          <div>{result.suggestion.advice}</div>
          {suggested && (
            <button type="button" className="link" onClick={() => onUse(suggested)}>
              Pakai jenis layanan: {SERVICE_TYPE_LABELS[suggested]}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
