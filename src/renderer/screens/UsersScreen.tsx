/** Staff accounts for the Admin TTE: add, change role, disable, reset the password. */
import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';

import { type NewUserInput, newUserSchema } from '../../shared/contract/schemas';
import type { UserView } from '../../shared/domain/office';
import { type Role, ROLE_LABELS, ROLES } from '../../shared/domain/roles';
import { formatNip } from '../../shared/identity/nip';
import { call } from '../api';
import { ErrorBanner, Field } from '../components/Field';
import { applyServerErrors } from '../forms/server-errors';

type NewUserForm = z.input<typeof newUserSchema>;

export function UsersScreen() {
  const [users, setUsers] = useState<UserView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<NewUserForm, unknown, NewUserInput>({
    resolver: zodResolver(newUserSchema),
    defaultValues: { username: '', fullName: '', nip: '', role: 'verifikator', password: '' },
  });
  const e = form.formState.errors;

  const load = useCallback(async () => {
    const r = await call('users.list', {});
    if (r.ok) setUsers(r.value);
    else setError(r.error.message);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const create = form.handleSubmit(async (values) => {
    const r = await call('users.create', values);
    if (!r.ok) {
      setError(r.error.message);
      applyServerErrors(form.setError, r.error);
      return;
    }
    setError(null);
    setMessage(`Pengguna ${r.value.fullName} ditambahkan sebagai ${ROLE_LABELS[r.value.role]}.`);
    form.reset();
    void load();
  });

  const update = async (input: { id: string; role?: Role; active?: boolean; password?: string }, done: string) => {
    const r = await call('users.update', input);
    if (!r.ok) return setError(r.error.fields ? Object.values(r.error.fields).join(' ') : r.error.message);
    setError(null);
    setMessage(done);
    void load();
  };

  return (
    <section className="stack">
      <h1>Pengguna</h1>
      <ErrorBanner message={error} />
      {message && (
        <div className="banner banner-ok" role="status">
          {message}
        </div>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>Nama</th>
            <th>Nama pengguna</th>
            <th>NIP</th>
            <th>Peran</th>
            <th>Status</th>
            <th>Tindakan</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.fullName}</td>
              <td>{u.username}</td>
              <td className="mono">{formatNip(u.nip)}</td>
              <td>
                <select
                  aria-label={`Peran ${u.fullName}`}
                  value={u.role}
                  onChange={(ev) =>
                    void update({ id: u.id, role: ev.target.value as Role }, `Peran ${u.fullName} diubah.`)
                  }
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABELS[r]}
                    </option>
                  ))}
                </select>
              </td>
              <td>{u.active ? 'Aktif' : 'Nonaktif'}</td>
              <td className="row-actions">
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    void update(
                      { id: u.id, active: !u.active },
                      `${u.fullName} ${u.active ? 'dinonaktifkan' : 'diaktifkan'}.`,
                    )
                  }
                >
                  {u.active ? 'Nonaktifkan' : 'Aktifkan'}
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    const password = window.prompt(
                      `Kata sandi baru untuk ${u.fullName} (min. 10 karakter, huruf dan angka):`,
                    );
                    if (password) void update({ id: u.id, password }, `Kata sandi ${u.fullName} diganti.`);
                  }}
                >
                  Atur ulang kata sandi
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="panel" onSubmit={create} noValidate>
        <h2>Tambah pengguna</h2>
        <div className="grid-2">
          <Field id="user-fullname" label="Nama lengkap" error={e.fullName?.message} required>
            <input id="user-fullname" {...form.register('fullName')} />
          </Field>
          <Field id="user-nip" label="NIP" error={e.nip?.message} required>
            <input id="user-nip" inputMode="numeric" {...form.register('nip')} />
          </Field>
          <Field id="user-username" label="Nama pengguna" error={e.username?.message} required>
            <input id="user-username" {...form.register('username')} />
          </Field>
          <Field id="user-role" label="Peran" error={e.role?.message} required>
            <select id="user-role" {...form.register('role')}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id="user-password"
            label="Kata sandi awal"
            error={e.password?.message}
            required
            hint="Minimal 10 karakter, memuat huruf dan angka."
          >
            <input id="user-password" type="password" autoComplete="new-password" {...form.register('password')} />
          </Field>
        </div>
        <button type="submit" className="primary">
          Tambah pengguna
        </button>
      </form>
    </section>
  );
}
