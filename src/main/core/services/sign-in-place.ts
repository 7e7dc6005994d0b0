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
import { readBrowserAllowed } from '../store/repos/devices';

export const BROWSER_ROLES: readonly Role[] = ['kadin', 'kabid'];

export function assertMaySignInHere(ctx: ServiceContext, role: Role): void {
  const origin = ctx.origin;
  if (!origin || origin.kind !== 'browser') return;
  if (role === 'admin' && origin.loopback) return;
  if (BROWSER_ROLES.includes(role) && readBrowserAllowed(ctx.db)) return;
  fail('BROWSER_NOT_ALLOWED');
}

export function assertMaySetUpHere(ctx: ServiceContext): void {
  const origin = ctx.origin;
  if (origin?.kind === 'browser' && !origin.loopback) fail('BROWSER_NOT_ALLOWED');
}
