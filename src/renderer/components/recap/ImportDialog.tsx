/** "Impor rekap": pick an XLSX/CSV → confirm the column for each field → read the report → import the valid rows with progress. */
import { useEffect, useState } from 'react';

import {
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  type ImportField,
  type ImportPreview,
  type ImportProgress,
  REQUIRED_IMPORT_FIELDS,
} from '../../../shared/domain/recap';
import { call } from '../../api';
import { ImportReport } from './ImportReport';

type Mapping = Partial<Record<ImportField, number>>;

async function readBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function ImportDialog({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const [file, setFile] = useState<{ fileName: string; dataBase64: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const check = async (f: { fileName: string; dataBase64: string }, m?: Mapping) => {
    setBusy(true);
    setError(null);
    const r = await call('holders.importPreview', { ...f, mapping: m });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setPreview(r.value);
    setMapping(r.value.mapping);
  };

  const pick = async (picked: File | undefined) => {
    if (!picked) return;
    const f = { fileName: picked.name, dataBase64: await readBase64(picked) };
    setFile(f);
    setProgress(null);
    await check(f);
  };

  const changeField = (field: ImportField, value: string) => {
    const next = { ...mapping };
    if (value === '') delete next[field];
    else next[field] = Number(value);
    setMapping(next);
    if (file) void check(file, next);
  };

  useEffect(() => {
    if (progress?.state !== 'running') return;
    const timer = window.setInterval(async () => {
      const r = await call('holders.importProgress', {});
      if (r.ok && r.value.state === 'running') setProgress(r.value);
    }, 300);
    return () => window.clearInterval(timer);
  }, [progress?.state]);

  const commit = async () => {
    if (!file) return;
    setError(null);
    setProgress({
      importId: null,
      state: 'running',
      phase: 'reading',
      processed: 0,
      total: preview?.totalRows ?? 0,
      imported: 0,
      skipped: 0,
      message: null,
    });
    const r = await call('holders.importCommit', { ...file, mapping });
    if (!r.ok) {
      setProgress(null);
      return setError(r.error.message);
    }
    setProgress(r.value);
    onImported();
  };

  const phase =
    progress?.phase === 'reading'
      ? 'Membaca berkas'
      : progress?.phase === 'validating'
        ? 'Memeriksa baris'
        : progress?.phase === 'saving'
          ? 'Menyimpan'
          : '';
  return (
    <section className="recap-import panel" aria-label="Impor rekap">
      <div className="page-head">
        <h2>Impor rekap dari Excel/CSV</h2>
        <button type="button" className="link" onClick={onClose}>
          Tutup
        </button>
      </div>
      <label htmlFor="import-file">Berkas rekap (.xlsx atau .csv, baris pertama judul kolom)</label>
      <input
        id="import-file"
        type="file"
        accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => void pick(e.target.files?.[0])}
      />
      {busy && (
        <p className="muted" role="status">
          Memeriksa berkas…
        </p>
      )}
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      {preview && (
        <>
          <fieldset>
            <legend>Kolom di berkas untuk setiap data</legend>
            <div className="recap-mapping">
              {IMPORT_FIELDS.map((field) => (
                <label key={field}>
                  {IMPORT_FIELD_LABELS[field]}
                  {(REQUIRED_IMPORT_FIELDS as readonly string[]).includes(field) && ' *'}
                  <select
                    aria-label={`Kolom untuk ${IMPORT_FIELD_LABELS[field]}`}
                    value={mapping[field] ?? ''}
                    onChange={(e) => changeField(field, e.target.value)}
                    disabled={progress?.state === 'running'}
                  >
                    <option value="">— tidak ada —</option>
                    {preview.columns.map((c, i) => (
                      <option key={i} value={i}>
                        {c}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
            {!mapping.expiresAt && (
              <p className="hint">
                Tanpa kolom berlaku s.d., masa berlaku dihitung 2 tahun kurang 1 hari dari tanggal terbit.
              </p>
            )}
          </fieldset>
          <ImportReport preview={preview} />
          {progress?.state !== 'done' && (
            <button
              type="button"
              className="primary"
              disabled={busy || preview.validRows === 0 || progress?.state === 'running'}
              onClick={() => void commit()}
            >
              Impor {preview.validRows.toLocaleString('id-ID')} baris yang valid
            </button>
          )}
        </>
      )}
      {progress?.state === 'running' && (
        <div role="status">
          {phase} {progress.processed.toLocaleString('id-ID')} dari {progress.total.toLocaleString('id-ID')} baris
          <progress max={progress.total || 1} value={progress.processed} />
        </div>
      )}
      {progress?.state === 'done' && (
        <p className="banner banner-ok" role="status">
          Impor selesai: {progress.message}
        </p>
      )}
    </section>
  );
}
