/** Admin: the office's SMTP server, so "Kirim via email" sends from the app instead of opening the mail program. */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';

import { smtpSettingsSchema } from '../../shared/contract/records-schemas';
import type { SmtpSettingsView } from '../../shared/domain/messages';
import { call } from '../api';
import { ErrorBanner, Field } from '../components/Field';
import { useSettingsSave } from '../forms/use-settings-save';

type SmtpForm = z.input<typeof smtpSettingsSchema>;
type SmtpValues = z.output<typeof smtpSettingsSchema>;

export function SmtpSettingsScreen() {
  const [current, setCurrent] = useState<SmtpSettingsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('messages.getSmtp', {}).then((r) => (r.ok ? setCurrent(r.value) : setError(r.error.message)));
  }, []);
  if (error) return <ErrorBanner message={error} />;
  if (!current) return <p>Memuat pengaturan email…</p>;
  return <SettingsForm initial={current} onSaved={setCurrent} />;
}

function SettingsForm({ initial, onSaved }: { initial: SmtpSettingsView; onSaved: (v: SmtpSettingsView) => void }) {
  const { passwordSet, ...defaults } = initial;
  const form = useForm<SmtpForm, unknown, SmtpValues>({
    resolver: zodResolver(smtpSettingsSchema),
    defaultValues: { ...defaults, password: '' },
  });
  const e = form.formState.errors;
  const enabled = form.watch('enabled');

  const { error, saved, submit } = useSettingsSave(
    form,
    (values) => call('messages.updateSmtp', values),
    (stored) => {
      form.setValue('password', '');
      onSaved(stored);
    },
  );

  return (
    <form className="stack narrow" onSubmit={submit} noValidate>
      <h1>Pengaturan email</h1>
      <p className="muted">
        Tanpa server email, tombol &quot;Kirim via email&quot; membuka program email di komputer ini. Dengan server SMTP
        kantor, aplikasi mengirim email sendiri dan mencatat hasilnya di log pesan. Pesan hanya berisi tautan dan
        petunjuk — tidak pernah kata sandi atau passphrase.
      </p>
      <ErrorBanner message={error} />
      {saved && (
        <div className="banner banner-ok" role="status">
          Pengaturan email tersimpan.
        </div>
      )}
      <div className="field checkbox">
        <input id="smtp-enabled" type="checkbox" {...form.register('enabled')} />
        <label htmlFor="smtp-enabled">Kirim email lewat server SMTP kantor</label>
      </div>
      <fieldset>
        <legend>Server SMTP</legend>
        <div className="grid-2">
          <Field
            id="smtp-host"
            label="Alamat server"
            error={e.host?.message}
            required={enabled}
            hint="Mis. smtp.trenggalekkab.go.id"
          >
            <input id="smtp-host" autoComplete="off" {...form.register('host')} />
          </Field>
          <Field id="smtp-port" label="Port" error={e.port?.message} hint="587 (STARTTLS) atau 465 (SSL)">
            <input
              id="smtp-port"
              type="number"
              min={1}
              max={65535}
              {...form.register('port', { valueAsNumber: true })}
            />
          </Field>
          <Field
            id="smtp-user"
            label="Nama pengguna"
            error={e.username?.message}
            hint="Kosongkan bila server tidak memerlukan login."
          >
            <input id="smtp-user" autoComplete="off" {...form.register('username')} />
          </Field>
          <Field
            id="smtp-password"
            label="Kata sandi"
            error={e.password?.message}
            hint={
              passwordSet
                ? 'Tersimpan. Kosongkan untuk tetap memakai kata sandi lama.'
                : 'Belum ada kata sandi tersimpan.'
            }
          >
            <input id="smtp-password" type="password" autoComplete="new-password" {...form.register('password')} />
          </Field>
          <Field
            id="smtp-from"
            label="Alamat pengirim"
            error={e.from?.message}
            required={enabled}
            hint="Mis. Layanan TTE Diskominfo <tte@trenggalekkab.go.id>"
          >
            <input id="smtp-from" autoComplete="off" {...form.register('from')} />
          </Field>
        </div>
        <div className="field checkbox">
          <input id="smtp-secure" type="checkbox" {...form.register('secure')} />
          <label htmlFor="smtp-secure">Sambungan SSL/TLS langsung (biasanya port 465)</label>
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary big">
          Simpan pengaturan email
        </button>
      </div>
    </form>
  );
}
