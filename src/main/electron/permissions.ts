/**
 * Wires the pure policies of security.ts into Electron's session: every permission is denied
 * except the camera for our own pages, and every response of the app scheme carries the CSP.
 */
import type { Session } from 'electron';

import { CONTENT_SECURITY_POLICY, isAllowedPermission } from './security';

/** The identity desk needs video only; a request that also asks for the microphone is refused. */
function asksOnlyForVideo(mediaTypes: readonly string[] | undefined): boolean {
  return mediaTypes === undefined || mediaTypes.every((type) => type === 'video');
}

export function setupPermissions(session: Session): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(isAllowedPermission(permission, details.requestingUrl) && asksOnlyForVideo(mediaTypes));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) => {
    if (details.mediaType === 'audio') return false;
    return isAllowedPermission(permission, details.requestingUrl ?? requestingOrigin);
  });
}

/** Returns the response with the CSP and a few hardening headers added (used by the app scheme). */
export function withSecurityHeaders(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Referrer-Policy', 'no-referrer');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
