/**
 * The application's documents; opening one is an audited call: the desk roles any, the Kepala
 * Dinas and Kabid the letter they review (the core enforces the same rule).
 */
import { useState } from 'react';

import type { DocumentView } from '../../shared/domain/application';
import { formatDateTime } from '../../shared/domain/time';
import { DOCUMENT_LABELS } from '../../shared/sop/template';
import { call } from '../api';
import { useApp } from '../state/app-store';

function toBlobUrl(base64: string, mimeType: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: mimeType }));
}

export function DocumentsList({
  documents,
  canOpen,
}: {
  documents: DocumentView[];
  canOpen: (doc: DocumentView) => boolean;
}) {
  const office = useApp((s) => s.office);
  const [preview, setPreview] = useState<{ url: string; name: string; image: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const open = async (doc: DocumentView) => {
    const result = await call('documents.get', { id: doc.id });
    if (!result.ok) return setError(result.error.message);
    if (preview) URL.revokeObjectURL(preview.url);
    setPreview({
      url: toBlobUrl(result.value.dataBase64, result.value.mimeType),
      name: result.value.fileName,
      image: result.value.mimeType.startsWith('image/'),
    });
  };

  return (
    <section className="panel">
      <h2>Dokumen</h2>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <ul className="docs">
        {documents.map((d) => (
          <li key={d.id}>
            <strong>{DOCUMENT_LABELS[d.kind]}</strong> — {d.fileName} ({Math.ceil(d.size / 1024)} KB,{' '}
            {formatDateTime(d.uploadedAt, office?.timeZone)})
            {d.purged && (
              <em className="muted">
                {' '}
                — dihapus ({d.purged.reason === 'retention' ? 'retensi' : 'permintaan pemohon'}) pada{' '}
                {formatDateTime(d.purged.at, office?.timeZone)}
              </em>
            )}
            {canOpen(d) && !d.purged && (
              <button type="button" className="link" onClick={() => void open(d)}>
                Lihat
              </button>
            )}
          </li>
        ))}
      </ul>
      {preview && (
        <div className="preview">
          {preview.image ? (
            <img src={preview.url} alt={preview.name} />
          ) : (
            <a href={preview.url} download={preview.name}>
              Unduh {preview.name}
            </a>
          )}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              URL.revokeObjectURL(preview.url);
              setPreview(null);
            }}
          >
            Tutup
          </button>
        </div>
      )}
    </section>
  );
}
