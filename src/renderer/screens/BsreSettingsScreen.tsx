/**
 * Admin: how the office reaches BSrE — training simulator, the office's Esign Client Service, or
 * manual. Says that the credentials are bound to this computer's IP (juknis §4), and keeps every
 * registration field beyond the juknis' {nama, email} an explicit opt-in.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';

import { bsreSettingsSchema } from '../../shared/contract/schemas';
import { BSRE_MODE_LABELS, type BsreSettingsView, type ConnectionTestResult } from '../../shared/domain/bsre';
import { call } from '../api';
import { ErrorBanner, Field } from '../components/Field';
import { useSettingsSave } from '../forms/use-settings-save';
import { useApp } from '../state/app-store';

type SettingsForm = z.input<typeof bsreSettingsSchema>;
type SettingsValues = z.output<typeof bsreSettingsSchema>;

export function BsreSettingsScreen() {
  const [current, setCurrent] = useState<BsreSettingsView | null>(null);
  useEffect(() => {
    void call('bsre.getSettings', {}).then((r) => r.ok && setCurrent(r.value));
  }, []);
  if (!current) return <p>Memuat pengaturan BSrE…</p>;
  return <SettingsForm initial={current} onSaved={setCurrent} />;
}

function SettingsForm({ initial, onSaved }: { initial: BsreSettingsView; onSaved: (v: BsreSettingsView) => void }) {
  const setBsre = useApp((s) => s.setBsre);
  const [test, setTest] = useState<ConnectionTestResult | null>(null);
  const [testing, setTesting] = useState(false);
  const { hasPassword: _h, effectiveBaseUrl: _e, ...defaults } = initial;
  const form = useForm<SettingsForm, unknown, SettingsValues>({
    resolver: zodResolver(bsreSettingsSchema),
    defaultValues: { ...defaults, password: '' },
  });
  const e = form.formState.errors;
  const mode = form.watch('mode');

  const { error, setError, saved, submit } = useSettingsSave(
    form,
    (values) => call('bsre.updateSettings', values),
    async (stored) => {
      onSaved(stored);
      const status = await call('bsre.status', {});
      if (status.ok) setBsre(status.value);
    },
  );

  const runTest = async () => {
    setTesting(true);
    const r = await call('bsre.testConnection', {});
    setTesting(false);
    if (r.ok) setTest(r.value);
    else setError(r.error.message);
  };

  return (
    <form className="stack narrow" onSubmit={submit} noValidate>
      <h1>Pengaturan BSrE</h1>
      <ErrorBanner message={error} />
      {saved && (
        <div className="banner banner-ok" role="status">
          Pengaturan BSrE tersimpan dan koneksi dimuat ulang.
        </div>
      )}
      <fieldset>
        <legend>Mode</legend>
        {(['training', 'live', 'manual'] as const).map((m) => (
          <label key={m} className="check">
            <input type="radio" value={m} {...form.register('mode')} /> {BSRE_MODE_LABELS[m]}
          </label>
        ))}
        {initial.effectiveBaseUrl && <p className="hint">Permintaan saat ini dikirim ke {initial.effectiveBaseUrl}</p>}
      </fieldset>
      {mode === 'live' && (
        <fieldset>
          <legend>Esign Client Service kantor</legend>
          <Field
            id="bsre-url"
            label="Alamat layanan (base URL)"
            error={e.baseUrl?.message}
            required
            hint="Mis. https://esign.kab.go.id atau http://10.10.1.5:8080"
          >
            <input id="bsre-url" {...form.register('baseUrl')} />
          </Field>
          <div className="field checkbox">
            <input id="bsre-http" type="checkbox" {...form.register('allowHttp')} />
            <label htmlFor="bsre-http">
              Izinkan http:// tanpa enkripsi (hanya untuk server di jaringan internal kantor)
            </label>
          </div>
          <p className="hint" data-testid="bsre-ip-help">
            Kredensial API dibuat di halaman admin Esign Client Service bersama <strong>alamat IP</strong> aplikasi yang
            memakainya. Permintaan dari komputer lain ditolak (HTTP 401/403): daftarkan IP komputer ini (server kantor)
            di sana, lalu tekan “Uji koneksi”.
          </p>
          <div className="grid-2">
            <Field id="bsre-user" label="Nama pengguna" error={e.username?.message} required>
              <input id="bsre-user" autoComplete="off" {...form.register('username')} />
            </Field>
            <Field
              id="bsre-password"
              label="Kata sandi"
              error={e.password?.message}
              hint={
                initial.hasPassword
                  ? 'Tersimpan. Kosongkan untuk tetap memakai kata sandi lama.'
                  : 'Belum ada kata sandi tersimpan.'
              }
            >
              <input id="bsre-password" type="password" autoComplete="new-password" {...form.register('password')} />
            </Field>
            <Field id="bsre-version" label="Versi API" error={e.apiVersion?.message}>
              <select id="bsre-version" {...form.register('apiVersion')}>
                <option value="v2">v2 (JSON)</option>
                <option value="v1">v1</option>
              </select>
            </Field>
            <Field id="bsre-path" label="Path pendaftaran" error={e.registrationPath?.message}>
              <input id="bsre-path" {...form.register('registrationPath')} />
            </Field>
            <Field id="bsre-oid" label="oid_instansi (opsional)" error={e.oidInstansi?.message}>
              <input id="bsre-oid" {...form.register('oidInstansi')} />
            </Field>
            <Field id="bsre-poll" label="Periksa status setiap (detik)" error={e.pollIntervalSeconds?.message}>
              <input id="bsre-poll" type="number" min={10} max={3600} {...form.register('pollIntervalSeconds')} />
            </Field>
          </div>
          <fieldset>
            <legend>Isi pendaftaran</legend>
            <p className="hint">
              Petunjuk teknis BSrE mendaftarkan pengguna dengan <code>{'{nama, email}'}</code> saja. Field lain hanya
              dikirim bila dicentang; server yang ketat menolak field yang tidak dikenalnya.
            </p>
            <div className="field checkbox">
              <input id="bsre-send-nik" type="checkbox" {...form.register('sendNik')} />
              <label htmlFor="bsre-send-nik">Kirim NIK pemohon (nik)</label>
            </div>
            <div className="field checkbox">
              <input id="bsre-send-oid" type="checkbox" {...form.register('sendOidInstansi')} />
              <label htmlFor="bsre-send-oid">Kirim oid_instansi yang diisi di atas</label>
            </div>
            <div className="field checkbox">
              <input id="bsre-rec" type="checkbox" {...form.register('sendRecommendationLetter')} />
              <label htmlFor="bsre-rec">Lampirkan surat rekomendasi (suratRekomendasiBase64) saat mendaftar</label>
            </div>
          </fieldset>
        </fieldset>
      )}
      <div className="actions">
        <button type="submit" className="primary big">
          Simpan pengaturan BSrE
        </button>
        <button type="button" className="secondary" onClick={() => void runTest()} disabled={testing}>
          {testing ? 'Menguji…' : 'Uji koneksi'}
        </button>
      </div>
      {test && (
        <div className={`banner ${test.ok ? 'banner-ok' : 'banner-error'}`} role="status">
          {test.message}{' '}
          {test.httpStatus !== null && (
            <>
              (HTTP {test.httpStatus}, {test.durationMs} ms)
            </>
          )}
        </div>
      )}
    </form>
  );
}
