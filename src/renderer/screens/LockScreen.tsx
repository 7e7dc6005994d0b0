/** The idle lock: the work stays where it was; the same user unlocks with their password. */
import { type FormEvent, useState } from 'react';

import { call } from '../api';
import { ErrorBanner, Field } from '../components/Field';
import { useApp } from '../state/app-store';

export function LockScreen() {
  const { user, signIn, signOut } = useApp();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await call('auth.unlock', { password });
    if (result.ok) signIn(result.value);
    else setError(result.error.message);
    setPassword('');
  };

  return (
    <main className="center-page">
      <form className="card" onSubmit={submit}>
        <h1>Layar terkunci</h1>
        <p>
          Terkunci karena tidak ada aktivitas. Masuk kembali sebagai <strong>{user?.fullName}</strong>.
        </p>
        <ErrorBanner message={error} />
        <Field id="unlock-password" label="Kata sandi">
          <input
            id="unlock-password"
            type="password"
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <button type="submit" className="primary big">
          Buka kunci
        </button>
        <button
          type="button"
          className="link"
          onClick={async () => {
            await call('auth.logout', {});
            signOut();
          }}
        >
          Keluar dan masuk sebagai pengguna lain
        </button>
      </form>
    </main>
  );
}
