/**
 * The office server's gate, before anything reaches the core: the Host header must name this server
 * (its address, the extra names the Admin gave, or loopback — with the port: no DNS rebinding), an
 * Origin, when sent, must be this very https origin, and a browser carries an id cookie this run of
 * the server signed (HttpOnly, Secure, SameSite=Strict), set when it was given the page.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

export const BROWSER_COOKIE = 'loket_browser';

/** `::1` → `[::1]`: how a name appears in a Host header or a URL. */
export const hostToken = (name: string): string => (isIP(name) === 6 ? `[${name}]` : name);

const WILDCARDS = new Set(['0.0.0.0', '::']);
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** Every `name:port` a request may carry as Host. */
export function allowedHosts(bind: string, extraNames: readonly string[], port: number): Set<string> {
  const names = [bind, ...extraNames, ...LOOPBACK_NAMES].filter((n) => n && !WILDCARDS.has(n));
  return new Set(names.map((n) => `${hostToken(n.toLowerCase())}:${port}`));
}

export function hostAllowedIn(allowed: ReadonlySet<string>, host: string | undefined): boolean {
  return typeof host === 'string' && allowed.has(host.toLowerCase());
}

/** No Origin (a desk client, a same-origin GET) is fine; a present one must be https://<this host>. */
export function originAllowedHttps(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  return origin.toLowerCase() === `https://${(headers.host ?? '').toLowerCase()}`;
}

/** The server PC itself: 127.0.0.1, ::1, or 127.0.0.1 mapped into IPv6. */
export function isLoopbackIp(ip: string): boolean {
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';
}

/** `::ffff:10.0.0.5` → `10.0.0.5`, so the audit and the device list show the address people know. */
export const plainIp = (ip: string | undefined): string =>
  (ip ?? 'tidak-diketahui').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');

/** Browser ids signed with a key made at each start: a forged or old cookie is simply not an id. */
export class BrowserIds {
  private readonly key = randomBytes(32);

  private mac(id: string): string {
    return createHmac('sha256', this.key).update(id).digest('base64url');
  }

  issue(): { id: string; cookie: string } {
    const id = randomBytes(16).toString('base64url');
    const value = `${id}.${this.mac(id)}`;
    return { id, cookie: `${BROWSER_COOKIE}=${value}; Path=/; HttpOnly; Secure; SameSite=Strict` };
  }

  /** The browser id in the request's cookie, when this run signed it. */
  verify(cookieHeader: string | undefined): string | null {
    if (!cookieHeader) return null;
    for (const part of cookieHeader.split(';')) {
      const [name, value] = part.trim().split('=', 2);
      if (name !== BROWSER_COOKIE || !value) continue;
      const [id, mac] = value.split('.', 2);
      if (!id || !mac) return null;
      const expected = Buffer.from(this.mac(id));
      const given = Buffer.from(mac);
      return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
    }
    return null;
  }
}
