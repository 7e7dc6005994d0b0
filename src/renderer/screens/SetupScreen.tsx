/** First run: the office and the first Admin TTE, in one form. */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';

import { type SetupInput, setupSchema } from '../../shared/contract/schemas';
import type { SessionInfo } from '../../shared/domain/office';
import { call } from '../api';
import { ErrorBanner, Field } from '../components/Field';
import { OfficeFields } from '../forms/OfficeFields';
import { applyServerErrors } from '../forms/server-errors';

type SetupForm = z.input<typeof setupSchema>;

export function SetupScreen({ onDone }: { onDone: (info: SessionInfo) => void }) {
  const [templates, setTemplates] = useState<{ id: string; name: string; office: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SetupForm, unknown, SetupInput>({
    resolver: zodResolver(setupSchema),
    defaultValues: {
      office: {
        name: 'Dinas Komunikasi dan Informatika',
        regency: '',
        address: '',
        timeZone: 'WIB',
        letterhead: '',
        sopTemplateId: 'trenggalek-2024',
        idleLockMinutes: 15,
      },
      admin: { username: '', fullName: '', nip: '', password: '' },
    },
  });
  const { register, handleSubmit, formState } = form;

  useEffect(() => {
    void call('setup.status', {}).then((r) => r.ok && setTemplates(r.value.templates));
  }, []);

  const submit = handleSubmit(async (values) => {
    setError(null);
    const result = await call('setup.initialize', values);
    if (result.ok) onDone(result.value);
    else {
      setError(result.error.message);
      applyServerErrors(form.setError, result.error);
    }
  });

  const e = formState.errors;
  return (
    <main className="center-page">
      <form className="card wide" onSubmit={submit} noValidate>
        <h1>Penyiapan Loket TTE</h1>
        <p>Isi data kantor dan akun Admin TTE pertama. Admin TTE harus ASN.</p>
        <ErrorBanner message={error} />
        <OfficeFields register={register as never} errors={e.office} templates={templates} />
        <fieldset>
          <legend>Admin TTE pertama</legend>
          <Field id="admin-name" label="Nama lengkap" error={e.admin?.fullName?.message} required>
            <input id="admin-name" {...register('admin.fullName')} />
          </Field>
          <Field id="admin-nip" label="NIP" error={e.admin?.nip?.message} required>
            <input id="admin-nip" inputMode="numeric" {...register('admin.nip')} />
          </Field>
          <Field id="admin-username" label="Nama pengguna" error={e.admin?.username?.message} required>
            <input id="admin-username" autoComplete="username" {...register('admin.username')} />
          </Field>
          <Field
            id="admin-password"
            label="Kata sandi"
            error={e.admin?.password?.message}
            required
            hint="Minimal 10 karakter, memuat huruf dan angka."
          >
            <input id="admin-password" type="password" autoComplete="new-password" {...register('admin.password')} />
          </Field>
        </fieldset>
        <button type="submit" className="primary big" disabled={formState.isSubmitting}>
          Simpan dan mulai
        </button>
      </form>
    </main>
  );
}
