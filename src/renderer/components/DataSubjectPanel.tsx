/** A data-subject request (UU 27/2022) by NIK: export everything held (Admin, Kasi) and erase it (Admin only). */
import { useState } from 'react';

import type { ErasureResult } from '../../shared/domain/privacy';
import { formatDate } from '../../shared/domain/time';
import { call } from '../api';
import { saveFile } from '../download';
import { useApp } from '../state/app-store';
import { ErrorBanner, Field } from './Field';

export function DataSubjectPanel({ canErase }: { canErase: boolean }) {
  const zone = useApp((s) => s.office?.timeZone);
  const [nik, setNik] = useState('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [exported, setExported] = useState<string | null>(null);
  const [erased, setErased] = useState<ErasureResult | null>(null);

  const fail = (e: { message: string; fields?: Record<string, string> }) => {
    setError(e.message);
    setFields(e.fields ?? {});
  };
  const clear = () => {
    setError(null);
    setFields({});
  };

  const exportData = async () => {
    setExported(null);
    const r = await call('privacy.export', { nik });
    if (!r.ok) return fail(r.error);
    clear();
    saveFile(r.value);
    setExported(r.value.fileName);
  };

  const erase = async () => {
    const r = await call('privacy.erase', { nik, reason });
    setConfirming(false);
    if (!r.ok) return fail(r.error);
    clear();
    setErased(r.value);
  };

  return (
    <section className="panel stack">
      <h2>Permintaan subjek data</h2>
      <p className="muted">
        Pemohon berhak meminta salinan seluruh data pribadinya dan meminta penghapusannya (UU 27/2022). Penghapusan
        ditolak selama masih ada permohonan yang berjalan; baris rekap pengguna TTE untuk sertifikat yang masih berlaku
        tetap disimpan sebagai catatan resmi kantor.
      </p>
      <ErrorBanner message={error} />
      <Field id="dsr-nik" label="NIK pemohon" error={fields.nik} required>
        <input
          id="dsr-nik"
          inputMode="numeric"
          maxLength={16}
          value={nik}
          onChange={(e) => setNik(e.target.value.replace(/\D/g, ''))}
        />
      </Field>
      <div className="actions">
        <button type="button" onClick={() => void exportData()}>
          Ekspor data
        </button>
      </div>
      {exported && (
        <div className="banner banner-ok" role="status">
          Berkas {exported} diunduh. Serahkan hanya kepada pemohon yang bersangkutan.
        </div>
      )}
      {canErase && (
        <>
          <Field
            id="dsr-reason"
            label="Alasan penghapusan (mis. nomor surat permintaan pemohon)"
            error={fields.reason}
            required
          >
            <input id="dsr-reason" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
          </Field>
          {confirming ? (
            <div className="banner" role="alert">
              <p>Nama, NIK, NIP, nomor HP, email, dan semua berkas pemohon ini akan dihapus permanen. Lanjutkan?</p>
              <div className="actions">
                <button type="button" className="danger" onClick={() => void erase()}>
                  Ya, hapus data
                </button>
                <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                  Batal
                </button>
              </div>
            </div>
          ) : (
            <div className="actions">
              <button type="button" className="danger" onClick={() => setConfirming(true)}>
                Hapus data
              </button>
            </div>
          )}
        </>
      )}
      {erased && (
        <div className="banner banner-ok" role="status" data-testid="erasure-result">
          <p>
            Dihapus: {erased.applications.length} permohonan ({erased.applications.reduce((n, a) => n + a.documents, 0)}{' '}
            dokumen), {erased.holdersErased} baris rekap, {erased.messagesErased} catatan pesan.
          </p>
          {erased.kept.length > 0 && (
            <ul>
              {erased.kept.map((k) => (
                <li key={k.holderId}>
                  Disimpan: baris rekap sertifikat yang berlaku sampai {formatDate(k.expiresAt, zone)} — {k.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
