/**
 * A Trenggalek office set up from scratch through the API: the admin, then one account per
 * disposition role, each logged in. Returns the session tokens by role, for e2e files that build
 * their applications through the API before driving the browser.
 */
import { PASSWORD } from './desk';
import { api } from './harness';

export type StaffRole = 'admin' | 'kadin' | 'kabid' | 'kasi' | 'verifikator';

export async function setUpOffice(url: string): Promise<Record<StaffRole, string>> {
  const admin = await api<{ token: string }>(url, 'setup.initialize', {
    office: {
      name: 'Dinas Komunikasi dan Informatika',
      regency: 'Kabupaten Trenggalek',
      address: 'Jl. Panglima Sudirman 1',
      timeZone: 'WIB',
      letterhead: 'PEMERINTAH KABUPATEN TRENGGALEK',
      sopTemplateId: 'trenggalek-2024',
      idleLockMinutes: 30,
    },
    admin: { username: 'admin', fullName: 'Admin TTE', nip: '198503152010011002', password: PASSWORD },
  });
  const tokens: Record<StaffRole, string> = { admin: admin.token, kadin: '', kabid: '', kasi: '', verifikator: '' };
  for (const [role, nip] of [
    ['kadin', '197106091992011002'],
    ['kabid', '197503122000032001'],
    ['kasi', '198001012005011003'],
    ['verifikator', '199002142015032002'],
  ] as const) {
    await api(
      url,
      'users.create',
      { username: role, fullName: `Pegawai ${role}`, nip, role, password: PASSWORD },
      admin.token,
    );
    tokens[role] = (await api<{ token: string }>(url, 'auth.login', { username: role, password: PASSWORD })).token;
  }
  return tokens;
}
