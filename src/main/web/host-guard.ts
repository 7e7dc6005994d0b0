/**
 * Keeps other local programs and web pages out of the web host: a per-run secret that only the page
 * this host served knows, a Host header that must name our loopback address (DNS rebinding), and an
 * Origin that, when the browser sends one, must be our own.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

import { HOST_SECRET_META } from '../../shared/contract/transport';

export { HOST_SECRET_HEADER, HOST_SECRET_META } from '../../shared/contract/transport';

/** 32 random bytes, base64url: new on every start of the host. */
export function newHostSecret(): string {
  return randomBytes(32).toString('base64url');
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Constant-time: both sides are hashed first, so neither length nor content leaks through timing. */
export function secretMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  return timingSafeEqual(digest(expected), digest(given));
}

/** The only Host values we answer: our loopback address or localhost, with our port. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** No Origin (same-origin GET, tools) is fine; a present one must be this very host. */
export function originAllowed(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  return origin === `http://${headers.host ?? ''}`;
}

/** Puts the secret into the served page as a <meta> the renderer reads (no inline script, CSP intact). */
export function injectSecret(html: string, secret: string): string {
  const meta = `<meta name="${HOST_SECRET_META}" content="${secret}" />`;
  return /<head[^>]*>/i.test(html)
    ? html.replace(/<head[^>]*>/i, (head) => `${head}\n    ${meta}`)
    : `${meta}\n${html}`;
}
