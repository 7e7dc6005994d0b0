/**
 * What every transport of the one contract agrees on — the Electron IPC, the loopback web host, the
 * office server over HTTPS, a desk client and a browser: header names, paths, the channels that
 * return a session, the codes that end one, the page's CSP and the change events of the live
 * stream. Kept free of Node and zod so the renderer, the preload and every host can import it.
 */
import type { ChannelName } from './channel-names';

/** The session token (web host, office server); the Electron shell keeps it in the main process. */
export const SESSION_HEADER = 'x-loket-session';
/** One per user action; a retry of that action sends the same key (see core/idempotency.ts). */
export const IDEMPOTENCY_HEADER = 'x-loket-idempotency';
/** The per-run secret a served page carries back on every API call (see web/host-guard.ts). */
export const HOST_SECRET_HEADER = 'x-loket-host';
export const HOST_SECRET_META = 'loket-host-secret';
/** A paired desk names itself with these two on every request to the office server. */
export const DEVICE_ID_HEADER = 'x-loket-device';
export const DEVICE_KEY_HEADER = 'x-loket-device-key';

/** Every contract call: `POST /api/<channel>` with the JSON input as body. */
export const API_PREFIX = '/api/';
/** The authenticated server-sent-events stream of change events (GET, session header). */
export const EVENTS_PATH = '/api/events';
/** A desk trades the Admin's one-time code for a device credential (POST, JSON). */
export const PAIR_PATH = '/pair';
/** The office CA certificate, for browsers to install (GET, PEM). */
export const OFFICE_CA_PATH = '/office-ca.crt';
/** Liveness probe of the office server (GET, no session, no personal data). */
export const HEALTH_PATH = '/health';

/** Channels whose successful result is a SessionInfo carrying the session token. */
export const SIGN_IN_CHANNELS: readonly ChannelName[] = ['auth.login', 'setup.initialize', 'auth.unlock'];

/** Answers that mean the session is gone or locked: the shell shows the sign-in or unlock screen. */
export const SESSION_PROBLEM_CODES = ['SESSION_LOCKED', 'SESSION_EXPIRED', 'NOT_AUTHENTICATED', 'ACCOUNT_DISABLED'];

/** The renderer's page policy, the same on the app scheme, the web host and the office server. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "media-src 'self' blob: mediastream:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
  "frame-ancestors 'none'; form-action 'none'";

/**
 * What the live stream announces: which thing changed, never its content (no personal data on the
 * stream); a client re-reads what it shows through the contract, with its own role's view.
 */
export type ChangeEvent = { kind: 'application'; applicationId: string } | { kind: 'queue' } | { kind: 'recap' };

/** The renderer re-reads its list screens at least this often when no change event arrives. */
export const POLL_FALLBACK_MS = 30_000;
