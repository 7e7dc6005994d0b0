/** The signed-in frame: the office name, the navigation allowed for the role, and sign-out. */
import { type ReactNode, useEffect } from 'react';

import { type Role, ROLE_LABELS } from '../../shared/domain/roles';
import { call } from '../api';
import { type Route, useApp } from '../state/app-store';

const NAV: { route: Route; label: string; roles: Role[] }[] = [
  { route: { name: 'queue' }, label: 'Antrean hari ini', roles: ['kadin', 'kabid', 'kasi', 'verifikator'] },
  { route: { name: 'applications' }, label: 'Permohonan', roles: ['kadin', 'kabid', 'kasi', 'verifikator'] },
  { route: { name: 'intake' }, label: 'Permohonan baru', roles: ['kasi', 'verifikator'] },
  { route: { name: 'holders' }, label: 'Rekap pengguna TTE', roles: ['kadin', 'kabid', 'kasi', 'verifikator'] },
  { route: { name: 'dashboard' }, label: 'Dasbor', roles: ['kadin', 'kabid', 'kasi', 'verifikator'] },
  { route: { name: 'reports' }, label: 'Laporan fasilitasi', roles: ['kadin', 'kabid', 'kasi'] },
  { route: { name: 'messages' }, label: 'Log pesan', roles: ['kadin', 'kabid', 'kasi', 'verifikator'] },
  { route: { name: 'sop' }, label: 'Templat SOP', roles: ['admin', 'kadin', 'kabid', 'kasi', 'verifikator'] },
  { route: { name: 'users' }, label: 'Pengguna', roles: ['admin'] },
  { route: { name: 'office' }, label: 'Pengaturan kantor', roles: ['admin'] },
  { route: { name: 'bsreSettings' }, label: 'Pengaturan BSrE', roles: ['admin'] },
  { route: { name: 'smtpSettings' }, label: 'Pengaturan email', roles: ['admin'] },
  { route: { name: 'privacy' }, label: 'Data pribadi', roles: ['admin', 'kasi'] },
  { route: { name: 'backups' }, label: 'Cadangan data', roles: ['admin'] },
  { route: { name: 'network' }, label: 'Jaringan kantor', roles: ['admin'] },
  { route: { name: 'staff' }, label: 'Data pegawai', roles: ['admin', 'kasi'] },
  { route: { name: 'networkMode' }, label: 'Mode jaringan', roles: ['admin'] },
];

const TRAINING_NAV = {
  route: { name: 'training' } as Route,
  label: 'Panel pelatih',
  roles: ['admin', 'kasi', 'verifikator'] as Role[],
};

export function Layout({ children }: { children: ReactNode }) {
  const { user, office, route, go, signOut, bsre, setBsre } = useApp();
  useEffect(() => {
    void call('bsre.status', {}).then((r) => r.ok && setBsre(r.value));
  }, [setBsre, route.name]);
  if (!user) return null;
  // The network mode belongs to the desktop app; a browser at the server's address has no such choice.
  const items = [...NAV, ...(bsre?.mode === 'training' ? [TRAINING_NAV] : [])].filter(
    (n) => n.roles.includes(user.role) && (n.route.name !== 'networkMode' || window.loketHost !== undefined),
  );
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
      {bsre?.mode === 'training' && (
        <div className="training-banner" role="status">
          <strong>MODE LATIHAN</strong> — BSrE disimulasikan di komputer ini. Sertifikat yang terbit tidak sah dan tidak
          dapat dipakai menandatangani.
        </div>
      )}
      {bsre?.problem && (
        <div className="training-banner problem" role="alert">
          Layanan BSrE belum tersambung: {bsre.problem}
        </div>
      )}
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
