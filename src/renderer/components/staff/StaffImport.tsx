/** "Impor data pegawai": pick the SIASN/SIMPEG export → confirm the column of each field → read the report → import. */
import { useState } from 'react';

import { STAFF_FIELDS, type StaffField } from '../../../shared/contract/intake-schemas';
import {
  REQUIRED_STAFF_FIELDS,
  STAFF_FIELD_LABELS,
  type StaffImportPreview,
  type StaffImportResult,
} from '../../../shared/domain/staff';
import { call } from '../../api';
import { ErrorBanner } from '../Field';

type Mapping = Partial<Record<StaffField, number>>;

async function readBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function StaffImport({ onImported }: { onImported(): void }) {
  const [file, setFile] = useState<{ fileName: string; dataBase64: string } | null>(null);
  const [preview, setPreview] = useState<StaffImportPreview | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [result, setResult] = useState<StaffImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const check = async (f: { fileName: string; dataBase64: string }, m?: Mapping) => {
    setBusy(true);
    setError(null);
    const r = await call('staff.importPreview', { ...f, mapping: m });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setPreview(r.value);
    setMapping(r.value.mapping);
  };

  const pick = async (picked: File | undefined) => {
    if (!picked) return;
    const f = { fileName: picked.name, dataBase64: await readBase64(picked) };
    setFile(f);
    setResult(null);
    await check(f);
  };

  const commit = async () => {
    if (!file) return;
    setBusy(true);
    const r = await call('staff.importCommit', { ...file, mapping });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setResult(r.value);
    setPreview(null);
    onImported();
  };

  return (
    <section className="panel stack" aria-labelledby="staff-import-title">
      <h2 id="staff-import-title">Impor data pegawai (SIASN/SIMPEG)</h2>
      <p className="muted">
        Berkas XLSX atau CSV dari ekspor kepegawaian: NIP, nama dengan gelar, pangkat/golongan, jabatan, unit kerja,
        email dan HP. Impor ulang memperbarui data menurut NIP.
      </p>
      <label htmlFor="staff-file">Berkas data pegawai</label>
      <input id="staff-file" type="file" accept=".xlsx,.csv" onChange={(e) => void pick(e.target.files?.[0])} />
      <ErrorBanner message={error} />
      {preview && (
        <>
          <table className="mapping">
            <caption>Kolom berkas untuk setiap data</caption>
            <tbody>
              {STAFF_FIELDS.map((f) => (
                <tr key={f}>
                  <th scope="row">
                    <label htmlFor={`staff-map-${f}`}>
                      {STAFF_FIELD_LABELS[f]}
                      {REQUIRED_STAFF_FIELDS.includes(f) ? ' *' : ''}
                    </label>
                  </th>
                  <td>
                    <select
                      id={`staff-map-${f}`}
                      value={mapping[f] ?? ''}
                      onChange={(e) => {
                        const next = { ...mapping };
                        if (e.target.value === '') delete next[f];
                        else next[f] = Number(e.target.value);
                        if (file) void check(file, next);
                      }}
                    >
                      <option value="">— tidak ada —</option>
                      {preview.columns.map((c, i) => (
                        <option key={`${c}-${i}`} value={i}>
                          {c}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p role="status" data-testid="staff-preview">
            {preview.totalRows} baris: {preview.validRows} valid ({preview.newRows} baru, {preview.updatedRows}{' '}
            diperbarui), {preview.totalRows - preview.validRows} dilewati.
          </p>
          {preview.issues.length > 0 && (
            <ul className="issues" aria-label="Laporan per baris">
              {preview.issues.map((i) => (
                <li key={`${i.row}-${i.field}-${i.message}`}>
                  Baris {i.row}: {i.message}
                </li>
              ))}
            </ul>
          )}
          <button
            type="button"
            className="primary"
            disabled={busy || preview.validRows === 0}
            onClick={() => void commit()}
          >
            Impor {preview.validRows} pegawai
          </button>
        </>
      )}
      {result && (
        <p className="banner banner-ok" role="status">
          {result.message}
        </p>
      )}
    </section>
  );
}
