/**
 * The shell's security rules as small pure functions (no `electron` import) so they can be tested
 * under plain Node with hostile inputs. Everything here denies by default: a URL that does not
 * parse, carries credentials, hides control characters or is absurdly long is refused.
 */
import path from 'node:path';

import { PAGE_CSP } from '../../shared/contract/transport';

export const APP_SCHEME = 'app';
export const APP_HOST = 'loket';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const CONTENT_SECURITY_POLICY = PAGE_CSP;

/** Longer than any URL this app makes or links to; longer input is treated as an attack. */
const MAX_URL_LENGTH = 2048;
// The URL parser silently strips some of these ("java\tscript:"); bidi overrides disguise links.
const WHITESPACE_OR_CONTROL =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/;

function parseStrict(raw: unknown, maxLength = MAX_URL_LENGTH): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > maxLength) return null;
  if (WHITESPACE_OR_CONTROL.test(raw)) return null;
  try {
    const url = new URL(raw);
    return url.username === '' && url.password === '' ? url : null;
  } catch {
    return null;
  }
}

function isOwnParsed(url: URL): boolean {
  // Node leaves a non-special scheme's host as written; Chromium lowercases a standard scheme's.
  return url.protocol === `${APP_SCHEME}:` && url.host.toLowerCase() === APP_HOST;
}

/** True only for URLs on `app://loket` (no port, no credentials). */
export function isOwnOrigin(url: string): boolean {
  const parsed = parseStrict(url);
  return parsed !== null && isOwnParsed(parsed);
}

/**
 * Where the app itself links to: WhatsApp click-to-chat for messages to applicants, and
 * government sites (BSrE at bssn.go.id, the regency's own site). Anything else stays inside.
 */
const EXTERNAL_HOSTS = ['wa.me', 'api.whatsapp.com'];
const EXTERNAL_DOMAIN_SUFFIXES = ['.go.id'];
const MAILTO_PARAMS = new Set(['subject', 'body']);
const EMAIL_ADDRESS = /^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$/i;
/** A message to an applicant fits easily; the generic limit is for our own URLs. */
const MAX_EXTERNAL_URL_LENGTH = 8192;

function isAllowedHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    EXTERNAL_HOSTS.includes(host) ||
    EXTERNAL_DOMAIN_SUFFIXES.some((suffix) => host.endsWith(suffix) && host.length > suffix.length)
  );
}

function isSafeMailto(url: URL): boolean {
  let address: string;
  try {
    address = decodeURIComponent(url.pathname);
  } catch {
    return false;
  }
  if (!EMAIL_ADDRESS.test(address)) return false;
  // Only a subject and a body: no cc/bcc or extra headers smuggled into the mail client.
  return [...url.searchParams.keys()].every((name) => MAILTO_PARAMS.has(name.toLowerCase()));
}

/** Links we may hand to the OS: https to an allowed host (default port), or a plain mailto. */
export function isSafeExternalUrl(url: string): boolean {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL_LENGTH) return false;
  const parsed = parseStrict(url, MAX_EXTERNAL_URL_LENGTH);
  if (parsed === null) return false;
  if (parsed.protocol === 'mailto:') return isSafeMailto(parsed);
  return parsed.protocol === 'https:' && parsed.port === '' && isAllowedHost(parsed.hostname);
}

/** The only permission the app needs is the camera ('media'), and only for our own pages. */
export function isAllowedPermission(permission: string, requestingUrl: string): boolean {
  return permission === 'media' && isOwnOrigin(requestingUrl);
}

/**
 * Maps `app://loket/<path>` to a file inside `root` ('/' → index.html). Returns null for other
 * origins, undecodable paths, NUL/backslash/colon, and anything that would leave `root`.
 */
export function resolveAppAsset(root: string, requestUrl: string): string | null {
  const parsed = parseStrict(requestUrl);
  if (parsed === null || !isOwnParsed(parsed)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // Backslashes and colons are path syntax on Windows (separators, drives, alternate streams).
  if (/[\0\\:]/.test(decoded)) return null;
  const relative = decoded === '' || decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relative.split('/').some((segment) => segment === '..')) return null;
  const base = path.resolve(root);
  const target = path.resolve(path.join(base, relative));
  const fromBase = path.relative(base, target);
  if (fromBase === '' || fromBase === '..' || fromBase.startsWith(`..${path.sep}`) || path.isAbsolute(fromBase))
    return null;
  return target;
}
