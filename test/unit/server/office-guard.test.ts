/**
 * The office server's gate rules as pure functions: which Host values are ours, which Origins are,
 * who counts as the server PC itself, and browser ids that only this run of the server signed.
 */
import { describe, expect, it } from 'vitest';

import {
  allowedHosts,
  BROWSER_COOKIE,
  BrowserIds,
  hostAllowedIn,
  isLoopbackIp,
  originAllowedHttps,
  plainIp,
} from '../../../src/main/server/office-guard';

describe('allowedHosts', () => {
  it('names the bind address, the extra names and loopback, each with the port', () => {
    const hosts = allowedHosts('192.168.1.10', ['loket.kantor.lan'], 8443);
    for (const host of ['192.168.1.10:8443', 'loket.kantor.lan:8443', 'LOKET.kantor.lan:8443', 'localhost:8443'])
      expect(hostAllowedIn(hosts, host), host).toBe(true);
    expect(hostAllowedIn(hosts, '[::1]:8443')).toBe(true);
    for (const host of ['192.168.1.10', '192.168.1.10:8444', 'evil.example:8443', undefined])
      expect(hostAllowedIn(hosts, host), String(host)).toBe(false);
  });

  it('never allows a wildcard address as a Host and brackets IPv6', () => {
    const hosts = allowedHosts('0.0.0.0', ['fd00::10'], 443);
    expect(hostAllowedIn(hosts, '0.0.0.0:443')).toBe(false);
    expect(hostAllowedIn(hosts, '[fd00::10]:443')).toBe(true);
  });
});

describe('originAllowedHttps', () => {
  it('accepts no Origin or our own https origin, nothing else', () => {
    expect(originAllowedHttps({ host: '192.168.1.10:8443' })).toBe(true);
    expect(originAllowedHttps({ host: '192.168.1.10:8443', origin: 'https://192.168.1.10:8443' })).toBe(true);
    expect(originAllowedHttps({ host: '192.168.1.10:8443', origin: 'http://192.168.1.10:8443' })).toBe(false);
    expect(originAllowedHttps({ host: '192.168.1.10:8443', origin: 'https://evil.example' })).toBe(false);
    expect(originAllowedHttps({ host: '192.168.1.10:8443', origin: 'null' })).toBe(false);
  });
});

describe('loopback and addresses', () => {
  it('counts only 127.0.0.1 and ::1 (also IPv4-mapped) as the server PC itself', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].map(isLoopbackIp)).toEqual([true, true, true]);
    expect(['127.0.0.4', '192.168.1.20', '::ffff:192.168.1.20'].map(isLoopbackIp)).toEqual([false, false, false]);
    expect(plainIp('::ffff:192.168.1.20')).toBe('192.168.1.20');
    expect(plainIp('fd00::20')).toBe('fd00::20');
  });
});

describe('BrowserIds', () => {
  it('recognises the ids it signed, not forged, tampered or another run’s', () => {
    const ids = new BrowserIds();
    const { id, cookie } = ids.issue();
    expect(cookie).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    const value = cookie.split(';')[0] ?? '';
    expect(ids.verify(`other=1; ${value}`)).toBe(id);
    expect(ids.verify(`${BROWSER_COOKIE}=${id}.forged`)).toBeNull();
    expect(ids.verify(value.replace(id, `${id}x`))).toBeNull();
    expect(new BrowserIds().verify(value)).toBeNull();
    expect(ids.verify(undefined)).toBeNull();
  });
});
