/** Sign-in for staff. */
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';

import { loginSchema } from '../../shared/contract/schemas';
import { call } from '../api';
import { ErrorBanner, Field } from '../components/Field';
import { useApp } from '../state/app-store';

type LoginForm = z.infer<typeof loginSchema>;

export function LoginScreen() {
  const signIn = useApp((s) => s.signIn);
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<LoginForm>({
    resolver: zodResolver(loginSchema),
    defaultValues: { username: '', password: '' },
  });

  const submit = handleSubmit(async (values) => {
    setError(null);
    const result = await call('auth.login', values);
    if (result.ok) signIn(result.value);
    else setError(result.error.message);
  });

  return (
    <main className="center-page">
      <form className="card" onSubmit={submit} noValidate>
        <h1>Loket TTE</h1>
        <p>Layanan Penerbitan Sertifikat Elektronik untuk Tanda Tangan Elektronik</p>
        <ErrorBanner message={error} />
        <Field id="login-username" label="Nama pengguna" error={formState.errors.username?.message}>
          <input id="login-username" autoComplete="username" autoFocus {...register('username')} />
        </Field>
        <Field id="login-password" label="Kata sandi" error={formState.errors.password?.message}>
          <input id="login-password" type="password" autoComplete="current-password" {...register('password')} />
        </Field>
        <button type="submit" className="primary big" disabled={formState.isSubmitting}>
          Masuk
        </button>
      </form>
    </main>
  );
}
