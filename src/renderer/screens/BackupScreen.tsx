/** Admin: "Cadangan data" — where and how often encrypted backups are made, a backup now, the log, and how to restore. */
import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';

import { backupSettingsSchema } from '../../shared/contract/backup-schemas';
import type { BackupLogEntry, BackupSettingsView } from '../../shared/domain/backups';
import { formatDateTime } from '../../shared/domain/time';
import { call } from '../api';
import { ErrorBanner, Field } from '../components/Field';
import { useSettingsSave } from '../forms/use-settings-save';
import { useApp } from '../state/app-store';

type BackupForm = z.input<typeof backupSettingsSchema>;
type BackupValues = z.output<typeof backupSettingsSchema>;

const sizeText = (bytes: number) =>
  bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export function BackupScreen() {
  const [settings, setSettings] = useState<BackupSettingsView | null>(null);
  const [log, setLog] = useState<BackupLogEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reloadLog = useCallback(
    () => void call('backup.list', { limit: 100 }).then((r) => (r.ok ? setLog(r.value) : setError(r.error.message))),
    [],
  );
  useEffect(() => {
    void call('backup.get', {}).then((r) => (r.ok ? setSettings(r.value) : setError(r.error.message)));
    reloadLog();
  }, [reloadLog]);
  if (error) return <ErrorBanner message={error} />;
  if (!settings) return <p>Memuat pengaturan cadangan…</p>;
  return (
    <div className="stack">
      <h1>Cadangan data</h1>
      <p className="muted">
        Cadangan berisi seluruh basis data (permohonan, dokumen, rekap, log audit) dalam satu berkas .lbk yang
        dienkripsi dengan kunci data kantor. Berkas ini aman disalin ke disk USB; tanpa kunci data, isinya tidak dapat
        dibaca atau dipulihkan.
      </p>
      <SettingsForm initial={settings} onSaved={setSettings} />
      <BackupNow onDone={reloadLog} />
      <BackupLog log={log} />
      <RestoreHelp directory={settings.directory} />
    </div>
  );
}

function SettingsForm({ initial, onSaved }: { initial: BackupSettingsView; onSaved: (v: BackupSettingsView) => void }) {
  const form = useForm<BackupForm, unknown, BackupValues>({
    resolver: zodResolver(backupSettingsSchema),
    defaultValues: { directory: initial.directory, everyHours: initial.everyHours, keep: initial.keep },
  });
  const e = form.formState.errors;
  const { error, saved, submit } = useSettingsSave(form, (values) => call('backup.update', values), onSaved);
  return (
    <form className="stack narrow" onSubmit={submit} noValidate>
      <h2>Pengaturan</h2>
      <ErrorBanner message={error} />
      {saved && (
        <div className="banner banner-ok" role="status">
          Pengaturan cadangan tersimpan.
        </div>
      )}
      <Field
        id="backup-dir"
        label="Folder cadangan"
        error={e.directory?.message}
        required
        hint="Path lengkap folder yang sudah ada dan hanya dapat ditulisi akun ini, mis. D:\Cadangan TTE."
      >
        <input id="backup-dir" autoComplete="off" {...form.register('directory')} />
      </Field>
      <div className="grid-2">
        <Field
          id="backup-every"
          label="Cadangkan otomatis setiap (jam)"
          error={e.everyHours?.message}
          hint="0 = tidak terjadwal. Bawaan 24 jam."
        >
          <input id="backup-every" type="number" min={0} {...form.register('everyHours', { valueAsNumber: true })} />
        </Field>
        <Field
          id="backup-keep"
          label="Jumlah cadangan yang disimpan"
          error={e.keep?.message}
          hint="Cadangan tertua dihapus otomatis. Bawaan 14."
        >
          <input id="backup-keep" type="number" min={1} {...form.register('keep', { valueAsNumber: true })} />
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          Simpan pengaturan cadangan
        </button>
      </div>
    </form>
  );
}

function BackupNow({ onDone }: { onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BackupLogEntry | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    const r = await call('backup.run', {});
    setBusy(false);
    if (r.ok) setResult(r.value);
    else setError(r.error.message);
    onDone();
  };
  return (
    <section className="stack narrow">
      <h2>Cadangkan sekarang</h2>
      <ErrorBanner message={error} />
      {result?.status === 'ok' && (
        <div className="banner banner-ok" role="status" data-testid="backup-result">
          Cadangan dibuat: <strong>{result.fileName}</strong> ({sizeText(result.bytes)},{' '}
          {((result.durationMs ?? 0) / 1000).toFixed(1)} detik).
        </div>
      )}
      {result?.status === 'failed' && <ErrorBanner message={`Pencadangan gagal: ${result.error ?? ''}`} />}
      <div className="actions">
        <button type="button" className="primary big" disabled={busy} onClick={() => void run()}>
          {busy ? 'Mencadangkan…' : 'Cadangkan sekarang'}
        </button>
      </div>
    </section>
  );
}

function BackupLog({ log }: { log: BackupLogEntry[] }) {
  const office = useApp((s) => s.office);
  return (
    <section className="stack">
      <h2>Riwayat cadangan</h2>
      {log.length === 0 ? (
        <p className="muted">Belum ada cadangan.</p>
      ) : (
        <table className="table" data-testid="backup-log">
          <thead>
            <tr>
              <th>Waktu</th>
              <th>Jenis</th>
              <th>Hasil</th>
              <th>Berkas</th>
              <th>Ukuran</th>
            </tr>
          </thead>
          <tbody>
            {log.map((b) => (
              <tr key={b.id}>
                <td>{formatDateTime(b.at, office?.timeZone)}</td>
                <td>{b.trigger === 'manual' ? 'Manual' : 'Terjadwal'}</td>
                <td>
                  {b.status === 'ok' ? (
                    <span className="badge status-completed">Berhasil</span>
                  ) : (
                    <span className="badge status-rejected" title={b.error ?? ''}>
                      Gagal: {b.error}
                    </span>
                  )}
                </td>
                <td>{b.fileName || '—'}</td>
                <td>{b.status === 'ok' ? sizeText(b.bytes) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RestoreHelp({ directory }: { directory: string }) {
  return (
    <section className="stack narrow">
      <h2>Memulihkan cadangan</h2>
      <p>Pemulihan tidak dilakukan dari layar ini: aplikasi tidak boleh sedang memakai berkas tujuan.</p>
      <ol>
        <li>Tutup aplikasi Loket TTE.</li>
        <li>
          Jalankan di folder aplikasi:{' '}
          <code>
            npm run backup:restore -- &lt;berkas.lbk&gt; &lt;tujuan.sqlite&gt; --key &lt;berkas kunci data&gt;
          </code>{' '}
          (berkas cadangan ada di <code>{directory}</code>).
        </li>
        <li>
          Perintah memeriksa kunci, keaslian berkas, integritas basis data dan rantai log audit, lalu menampilkan jumlah
          baris per tabel.
        </li>
        <li>
          Simpan berkas basis data lama di tempat lain, pindahkan berkas hasil pemulihan ke tempatnya, lalu buka kembali
          aplikasi.
        </li>
      </ol>
      <p className="muted">
        Kunci data harus dicadangkan terpisah dari berkas .lbk. Tanpa kunci data yang sama, cadangan tidak dapat
        dipulihkan.
      </p>
    </section>
  );
}
