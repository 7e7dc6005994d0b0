/** The signed-in frame: the office name, the navigation allowed for the role, and sign-out. */
import type { ReactNode } from 'react';
import { call } from '../api';
import { useApp, type Route } from '../state/app-store';
import { ROLE_LABELS, type Role } from '../../shared/domain/roles';

const NAV: { route: Route; label: string; roles: Role[] }[] = [
  { route: { name: 'applications' }, label: 'Permohonan', roles: ['kadin', 'kabid', 'kasi', 'verifikator'] },
  { route: { name: 'intake' }, label: 'Permohonan baru', roles: ['kasi', 'verifikator'] },
  { route: { name: 'holders' }, label: 'Rekap pengguna TTE', roles: ['kadin', 'kabid', 'kasi', 'verifikator'] },
  { route: { name: 'sop' }, label: 'Templat SOP', roles: ['admin', 'kadin', 'kabid', 'kasi', 'verifikator'] },
  { route: { name: 'users' }, label: 'Pengguna', roles: ['admin'] },
  { route: { name: 'office' }, label: 'Pengaturan kantor', roles: ['admin'] },
];

export function Layout({ children }: { children: ReactNode }) {
  const { user, office, route, go, signOut } = useApp();
  if (!user) return null;
  const items = NAV.filter((n) => n.roles.includes(user.role));
  return (
    <div className="layout">
      <header className="topbar">
        <div className="brand">
          <strong>Loket TTE</strong>
          <span>
            {office?.name} {office?.regency}
          </span>
        </div>
        <div className="who">
          <span>
            {user.fullName} · <em>{ROLE_LABELS[user.role]}</em>
          </span>
          <button
            type="button"
            className="secondary"
            onClick={async () => {
              await call('auth.logout', {});
              signOut();
            }}
          >
            Keluar
          </button>
        </div>
      </header>
      <nav className="sidebar" aria-label="Menu utama">
        {items.map((n) => (
          <button
            key={n.route.name}
            type="button"
            className={route.name === n.route.name ? 'nav active' : 'nav'}
            aria-current={route.name === n.route.name ? 'page' : undefined}
            onClick={() => go(n.route)}
          >
            {n.label}
          </button>
        ))}
      </nav>
      <main className="content">{children}</main>
    </div>
  );
}
