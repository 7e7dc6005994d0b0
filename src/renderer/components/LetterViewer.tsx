/**
 * "Lihat surat permohonan" next to a disposition: the letter the Kepala Dinas, Kabid or Kasi is
 * asked to review, opened through `documents.get` (audited) and shown inline; the only document
 * the leaders may open.
 */
import { useEffect, useState } from 'react';

import type { DocumentView } from '../../shared/domain/application';
import { call } from '../api';

export function LetterViewer({ documents }: { documents: DocumentView[] }) {
  const letter = documents.filter((d) => d.kind === 'letter' && !d.purged).at(-1);
  const [view, setView] = useState<{ url: string; name: string; mimeType: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(
    () => () => {
      if (view) URL.revokeObjectURL(view.url);
    },
    [view],
  );
  if (!letter) return null;

  const open = async () => {
    const r = await call('documents.get', { id: letter.id });
    if (!r.ok) return setError(r.error.message);
    const bytes = Uint8Array.from(atob(r.value.dataBase64), (c) => c.charCodeAt(0));
    setError(null);
    setView({
      url: URL.createObjectURL(new Blob([bytes], { type: r.value.mimeType })),
      name: r.value.fileName,
      mimeType: r.value.mimeType,
    });
  };

  return (
    <div className="letter-viewer">
      {view ? (
        <button type="button" className="secondary" onClick={() => setView(null)}>
          Tutup surat
        </button>
      ) : (
        <button type="button" className="secondary" onClick={() => void open()}>
          Lihat surat permohonan ({letter.fileName})
        </button>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {view &&
        (view.mimeType.startsWith('image/') ? (
          <img src={view.url} alt={`Surat permohonan ${view.name}`} className="letter-frame" />
        ) : (
          <object
            data={view.url}
            type={view.mimeType}
            className="letter-frame"
            aria-label={`Surat permohonan ${view.name}`}
          >
            <a href={view.url} download={view.name}>
              Unduh {view.name}
            </a>
          </object>
        ))}
    </div>
  );
}
