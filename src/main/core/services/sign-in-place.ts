/**
 * Who may sign in where on the office network. A paired desk and the server PC's own window: any
 * role. A browser: only the Kepala Dinas and the Kabid (they dispose and read), and only while the
 * Admin allows it; the Admin in a browser on the server PC itself (loopback) too, so a headless
 * server can be set up and run at https://127.0.0.1:<port>. First-run setup is refused from a
 * browser on another PC.
 */
import type { Role } from '../../../shared/domain/roles';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { writeAudit } from '../store/repos/audit';
import { readBrowserAllowed } from '../store/repos/devices';

export const BROWSER_ROLES: readonly Role[] = ['kadin', 'kabid'];

/** Refuses (and audits) a sign-in from a place this role may not use; the password was right. */
export async function assertMaySignInHere(ctx: ServiceContext, user: { id: string; role: Role }): Promise<void> {
  const origin = ctx.origin;
  if (!origin || origin.kind !== 'browser') return;
  if (user.role === 'admin' && origin.loopback) return;
  if (BROWSER_ROLES.includes(user.role) && (await readBrowserAllowed(ctx.db))) return;
  await writeAudit(ctx.db, {
    at: ctx.clock.now().toISOString(),
    userId: user.id,
    action: 'auth.login_refused_browser',
    entity: 'user',
    entityId: user.id,
    detail: { role: user.role },
  });
  fail('BROWSER_NOT_ALLOWED');
}

export function assertMaySetUpHere(ctx: ServiceContext): void {
  const origin = ctx.origin;
  if (origin?.kind === 'browser' && !origin.loopback) fail('BROWSER_NOT_ALLOWED');
}
