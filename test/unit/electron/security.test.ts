/**
 * The shell's security policies fed hostile input: every case here is something a compromised
 * page, a crafted link or a malformed request could hand the main process.
 */
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  CONTENT_SECURITY_POLICY,
  isAllowedPermission,
  isOwnOrigin,
  isSafeExternalUrl,
  resolveAppAsset,
} from '../../../src/main/electron/security';

const ROOT = path.resolve('/srv/loket/dist/renderer');
const inRoot = (...parts: string[]) => path.join(ROOT, ...parts);
const longString = (prefix: string) => prefix + 'a'.repeat(100_000);

const GARBAGE = [
  '',
  ' ',
  'loket',
  '://',
  'app:',
  'app:/',
  'app:loket',
  '//loket/index.html',
  '\u0000',
  '%',
  'null',
  'undefined',
  '[object Object]',
];

describe('isOwnOrigin', () => {
  it.each([
    'app://loket',
    'app://loket/',
    'app://loket/index.html',
    'app://loket/assets/app.js?v=1#top',
    'APP://LOKET/index.html',
    'App://Loket/',
  ])('accepts our origin: %s', (url) => expect(isOwnOrigin(url)).toBe(true));

  it.each([
    'app://evil/index.html',
    'app://loket.evil/',
    'app://evil.loket/',
    'app://loket./',
    'app://loket:8080/',
    'app://user:pass@loket/',
    'app://loket@evil/',
    'app://evil@loket/',
    'apps://loket/',
    'ap p://loket/',
    'http://loket/',
    'https://loket/',
    'file:///srv/loket/dist/renderer/index.html',
    'file://loket/index.html',
    'javascript:alert(1)//app://loket/',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://loket/0d5e3a3e-1b2c-4c2f-9a3e-0123456789ab',
    ' app://loket/',
    'app://loket/\n',
    'app://lo\tket/',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    longString('app://loket/'),
    ...GARBAGE,
  ])('refuses %j', (url) => expect(isOwnOrigin(url)).toBe(false));
});

describe('isSafeExternalUrl', () => {
  it.each([
    'https://bsre.bssn.go.id/',
    'https://www.trenggalekkab.go.id/layanan?x=1#y',
    'HTTPS://BSRE.BSSN.GO.ID/path',
    'https://wa.me/6281234567890?text=Berkas%20diterima%0A%0ATerima%20kasih',
    `https://wa.me/6281234567890?text=${'a'.repeat(3000)}`,
    'mailto:budi.santoso@trenggalekkab.go.id?subject=Berkas%20diterima&body=Yth.%20Bapak%2FIbu',
    'mailto:budi@example.com',
  ])('accepts an allowed link: %s', (url) => expect(isSafeExternalUrl(url)).toBe(true));

  it.each([
    'http://example.com/',
    'HTTP://example.com/',
    'javascript:alert(document.cookie)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    '\u0000javascript:alert(1)',
    ' https://example.com/',
    'https://example.com/\u202e',
    'https://example.com/\u2066',
    'https://exam\u200bple.com/',
    'https://exa\nmple.com/',
    'file:///etc/passwd',
    'FILE:///C:/Windows/System32/calc.exe',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    'ms-settings:',
    'smb://attacker/share',
    'https://example.com/',
    'https://example.com:8443/',
    'https://go.id/',
    'https://evil-go.id/',
    'https://bsre.bssn.go.id.evil.com/',
    'https://wa.me.evil.com/',
    'https://wa.me:8443/628123',
    'mailto:admin@example.com?bcc=all@example.com',
    'mailto:admin@example.com?cc=x@example.com&subject=a',
    'mailto:admin@example.com%0ABcc:x@example.com',
    'mailto:',
    'mailto:not-an-address',
    `https://wa.me/62812?text=${'a'.repeat(9000)}`,
    'app://loket/index.html',
    'https://user:pass@example.com/',
    'https://user@example.com/',
    'https://:pass@example.com/',
    'https://',
    'https:///',
    longString('https://example.com/'),
    ...GARBAGE,
  ])('refuses %j', (url) => expect(isSafeExternalUrl(url)).toBe(false));
});

describe('isAllowedPermission', () => {
  it('allows the camera for our own pages', () => {
    expect(isAllowedPermission('media', 'app://loket/index.html')).toBe(true);
    expect(isAllowedPermission('media', 'app://loket')).toBe(true);
  });

  it.each([
    'geolocation',
    'notifications',
    'clipboard-read',
    'display-capture',
    'openExternal',
    'fileSystem',
    'usb',
    'serial',
    'hid',
    'MEDIA',
    'media ',
    '',
    'unknown',
  ])('denies %j even for our own pages', (permission) =>
    expect(isAllowedPermission(permission, 'app://loket/index.html')).toBe(false),
  );

  it.each([
    'https://evil.example/',
    'app://evil/',
    'app://loket.evil/',
    'file:///index.html',
    'data:text/html,x',
    'null',
    '',
    longString('app://loket/'),
  ])('denies the camera to %j', (url) => expect(isAllowedPermission('media', url)).toBe(false));
});

describe('resolveAppAsset', () => {
  it('maps app URLs to files under the root', () => {
    expect(resolveAppAsset(ROOT, 'app://loket/')).toBe(inRoot('index.html'));
    expect(resolveAppAsset(ROOT, 'app://loket')).toBe(inRoot('index.html'));
    expect(resolveAppAsset(ROOT, 'app://loket/index.html')).toBe(inRoot('index.html'));
    expect(resolveAppAsset(ROOT, 'app://loket/assets/index-abc123.js?v=2#x')).toBe(inRoot('assets', 'index-abc123.js'));
    expect(resolveAppAsset(ROOT, 'app://loket/assets/my%20font.woff2')).toBe(inRoot('assets', 'my font.woff2'));
    expect(resolveAppAsset(ROOT, 'APP://LOKET/index.html')).toBe(inRoot('index.html'));
  });

  it('keeps dot segments the URL parser already removed inside the root', () => {
    expect(resolveAppAsset(ROOT, 'app://loket/../../etc/passwd')).toBe(inRoot('etc', 'passwd'));
    expect(resolveAppAsset(ROOT, 'app://loket/%2e%2e/%2E%2e/etc/passwd')).toBe(inRoot('etc', 'passwd'));
    expect(resolveAppAsset(ROOT, 'app://loket/assets/../../../index.html')).toBe(inRoot('index.html'));
    expect(resolveAppAsset(ROOT, 'app://loket/%2e%2e')).toBe(inRoot('index.html'));
  });

  it.each([
    'app://loket/..%2f..%2fetc%2fpasswd',
    'app://loket/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://loket/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    'app://loket/assets/..%2F..%2F..%2Fsecret',
    'app://loket/..%5c..%5cwindows%5cwin.ini',
    'app://loket/a\\..\\..\\..\\secret',
    'app://loket/index.html%00.png',
    'app://loket/C:/Windows/win.ini',
    'app://loket/C%3A%5CWindows%5Cwin.ini',
    'app://loket/index.html:secret',
    'app://loket/%E0%A4%A',
    'app://loket/%',
    'app://evil/index.html',
    'app://loket.evil/index.html',
    'app://loket:1/index.html',
    'app://user:pass@loket/index.html',
    'file:///etc/passwd',
    'https://loket/index.html',
    'javascript:alert(1)',
    'data:text/html,hi',
    ' app://loket/index.html',
    longString('app://loket/'),
    ...GARBAGE,
  ])('refuses %j', (url) => expect(resolveAppAsset(ROOT, url)).toBeNull());

  it('never returns a path outside the root, whatever it is fed', () => {
    const hostile = [
      'app://loket/' + '../'.repeat(50) + 'etc/passwd',
      'app://loket/' + '%2e%2e/'.repeat(50) + 'x',
      'app://loket//etc/passwd',
      'app://loket/./././index.html',
    ];
    for (const url of hostile) {
      const resolved = resolveAppAsset(ROOT, url);
      expect(resolved === null || resolved.startsWith(ROOT + path.sep), `${url} → ${resolved}`).toBe(true);
    }
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('only allows our own scripts and nothing inline or evaluated', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|https?:/);
  });

  it('locks down objects, base, framing, forms and connections', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('media-src')).toEqual(["'self'", 'blob:', 'mediastream:']);
  });
});
