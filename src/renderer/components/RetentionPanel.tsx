/** Admin: how long documents are kept after an application closes, "Hapus sekarang", and the purge log. */
import { useEffect, useState } from 'react';

import type { PurgeLogEntry, PurgeRunResult, RetentionSettingsView } from '../../shared/domain/privacy';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../../shared/domain/privacy';
import { formatDateTime } from '../../shared/domain/time';
import { call } from '../api';
import { useApp } from '../state/app-store';
import { ClockHoldBanner } from './ClockHoldBanner';
import { ErrorBanner, Field } from './Field';

const kb = (bytes: number) => `${Math.ceil(bytes / 1024).toLocaleString('id-ID')} KB`;

export function RetentionPanel() {
  const zone = useApp((s) => s.office?.timeZone);
  const [settings, setSettings] = useState<RetentionSettingsView | null>(null);
  const [days, setDays] = useState('');
  const [log, setLog] = useState<PurgeLogEntry[]>([]);
  const [result, setResult] = useState<PurgeRunResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const reloadLog = () =>
    void call('retention.log', { limit: 100 }).then((r) => (r.ok ? setLog(r.value) : setError(r.error.message)));
  useEffect(() => {
    void call('retention.get', {}).then((r) => {
      if (!r.ok) return setError(r.error.message);
      setSettings(r.value);
      setDays(String(r.value.documentDays));
    });
    reloadLog();
  }, []);

  const save = async () => {
    setSaved(false);
    const r = await call('retention.update', { documentDays: Number(days) });
    if (!r.ok) {
      setFieldError(r.error.fields?.documentDays);
      return setError(r.error.message);
    }
    setError(null);
    setFieldError(undefined);
    setSettings(r.value);
    setSaved(true);
  };

  const purge = async () => {
    setBusy(true);
    const r = await call('retention.purgeNow', {});
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setResult(r.value);
    reloadLog();
  };

  if (!settings) return <ErrorBanner message={error} />;
  return (
    <section className="panel stack">
      <h2>Masa retensi berkas</h2>
      <p className="muted">
        Foto KTP, swafoto, dan berkas permohonan dihapus otomatis sejumlah hari setelah permohonan selesai atau ditolak
        (pemeriksaan harian dan saat aplikasi dibuka). Usulan 90 hari: cukup untuk Laporan fasilitasi triwulan dan untuk
        keluhan atau keberatan atas penyerahan sertifikat, tetapi foto KTP dan swafoto seluruh ASN tidak menumpuk di
        komputer layanan bersama (UU 27/2022 menggolongkan biometrik sebagai data pribadi spesifik). Keputusan, skor,
        tanggal, dan keterangan berkas tetap disimpan; BSrE menyimpan sendiri catatan pendaftarannya.
      </p>
      <ClockHoldBanner />
      <ErrorBanner message={error} />
      {saved && (
        <div className="banner banner-ok" role="status">
          Masa retensi tersimpan.
        </div>
      )}
      <Field
        id="retention-days"
        label="Berkas disimpan (hari setelah permohonan ditutup)"
        error={fieldError}
        hint={`${MIN_RETENTION_DAYS}–${MAX_RETENTION_DAYS} hari${settings.isDefault ? ' · saat ini memakai nilai bawaan' : ''}`}
      >
        <input
          id="retention-days"
          type="number"
          min={MIN_RETENTION_DAYS}
          max={MAX_RETENTION_DAYS}
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
      </Field>
      <div className="actions">
        <button type="button" onClick={() => void save()}>
          Simpan masa retensi
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void purge()}>
          {busy ? 'Menghapus…' : 'Hapus sekarang'}
        </button>
      </div>
      {result && (
        <div className="banner banner-ok" role="status" data-testid="purge-result">
          {result.applications === 0
            ? 'Tidak ada berkas yang melewati masa retensi.'
            : `Berkas ${result.applications} permohonan dihapus: ${result.documents} dokumen (${kb(result.bytes)}), ${result.identityChecks} hasil baca KTP.`}
        </div>
      )}
      <h2>Log penghapusan</h2>
      {log.length === 0 ? (
        <p className="muted">Belum ada penghapusan.</p>
      ) : (
        <table className="table" data-testid="purge-log">
          <thead>
            <tr>
              <th>Waktu</th>
              <th>Alasan</th>
              <th>Permohonan</th>
              <th>Dokumen</th>
              <th>Ukuran</th>
              <th>Oleh</th>
            </tr>
          </thead>
          <tbody>
            {log.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at, zone)}</td>
                <td>{e.reason === 'retention' ? 'Masa retensi' : 'Permintaan penghapusan'}</td>
                <td>{e.referenceNo ?? '—'}</td>
                <td>{e.documents}</td>
                <td>{kb(e.bytes)}</td>
                <td>{e.byName ?? 'Sistem (harian)'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
