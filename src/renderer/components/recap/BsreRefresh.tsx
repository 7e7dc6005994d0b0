/** "Segarkan status dari BSrE" for the whole recap, with its progress; reloads the table when done. */
import { useEffect, useState } from 'react';

import type { RecapRefreshProgress } from '../../../shared/domain/bsre';
import { call } from '../../api';

export function BsreRefresh({ onDone }: { onDone(): void }) {
  const [progress, setProgress] = useState<RecapRefreshProgress | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!progress?.running) return;
    const timer = window.setInterval(async () => {
      const r = await call('holders.refreshProgress', {});
      if (!r.ok) return;
      setProgress(r.value);
      if (!r.value.running) onDone();
    }, 1_000);
    return () => window.clearInterval(timer);
  }, [progress?.running, onDone]);

  const refresh = async () => {
    const r = await call('holders.refreshBsre', {});
    if (r.ok) setProgress(r.value);
    else setError(r.error.message);
  };

  return (
    <div className="toolbar">
      <button type="button" className="secondary" onClick={() => void refresh()} disabled={progress?.running}>
        Segarkan status dari BSrE
      </button>
      {progress && (
        <span role="status">
          {progress.running ? 'Memeriksa' : 'Selesai memeriksa'} {progress.done} dari {progress.total} pemegang ·{' '}
          {progress.mismatches} tidak sesuai
          {progress.failed > 0 && ` · ${progress.failed} gagal`} {progress.message}
        </span>
      )}
      {progress?.running && <progress max={progress.total} value={progress.done} />}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
