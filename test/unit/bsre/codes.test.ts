/**
 * The small pure rules of the BSrE client fed hostile input: 4-digit code extraction, identity
 * masking, retry timing, body cutting, failure classification and certificate normalization.
 */
import { describe, expect, it } from 'vitest';

import { parseCertificateValidity, toPem } from '../../../src/main/core/bsre/certificates';
import { validateBaseUrl } from '../../../src/main/core/bsre/client';
import { extractBsreCode, extractCodeFromText, normalizeStatusCode } from '../../../src/main/core/bsre/codes';
import { classifyFetchError, cutToBytes, parseJsonBody } from '../../../src/main/core/bsre/http';
import { maskIdentity, maskText } from '../../../src/main/core/bsre/mask';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, parseRetryAfterMs } from '../../../src/main/core/bsre/retry';

describe('extractBsreCode', () => {
  it('reads status_code given as string or number', () => {
    expect(extractBsreCode({ status_code: '2011', error: 'x' })).toBe('2011');
    expect(extractBsreCode({ status_code: 2021 })).toBe('2021');
    expect(extractBsreCode({ status_code: ' 2031 ' })).toBe('2031');
  });

  it('falls back to the error or message text when status_code is not a 4-digit code', () => {
    expect(extractBsreCode({ status_code: 400, error: 'Proses signing gagal : Passphrase anda salah 2031' })).toBe(
      '2031',
    );
    expect(extractBsreCode({ status_code: null, message: 'User tidak terdaftar 2011' })).toBe('2011');
  });

  it('finds the code at the end of a v1 sentence, with or without a full stop', () => {
    expect(extractBsreCode('Proses signing gagal : Passphrase anda salah 2031')).toBe('2031');
    expect(extractCodeFromText('Passphrase anda salah 2031.')).toBe('2031');
    expect(extractCodeFromText('Gagal (2011), coba lagi')).toBe('2011');
  });

  it('does not mistake dates, times, versions, NIKs, IPs or words for codes', () => {
    for (const text of [
      '2025-03-10T02:00:00Z',
      'nginx/1.18.0',
      'NIK 3503123456780217 tidak valid',
      'server 10.0.2031.5 down',
      '12:30:45',
      'id ABC2031 or 2031abc',
      '20311',
      '<title>400 Bad Request</title>',
      '',
    ]) {
      expect(extractCodeFromText(text), text).toBeNull();
    }
  });

  it('survives shapes that are not what BSrE usually sends', () => {
    for (const body of [
      null,
      undefined,
      42,
      true,
      [],
      ['2031'],
      { status_code: {} },
      { error: { code: 2031 } },
      { status_code: NaN },
      { status_code: '20 31' },
    ]) {
      expect(extractBsreCode(body)).toBeNull();
    }
    expect(extractBsreCode('x'.repeat(1_000_000) + ' 2031')).toBe('2031');
    expect(extractBsreCode({ toString: () => '2031' })).toBeNull();
  });

  it('normalizes status_code values', () => {
    expect(normalizeStatusCode(2011)).toBe('2011');
    expect(normalizeStatusCode(' 2021 ')).toBe('2021');
    expect(normalizeStatusCode(Infinity)).toBe('');
    expect(normalizeStatusCode(null)).toBe('');
    expect(normalizeStatusCode({ a: 1 })).toBe('');
    expect(normalizeStatusCode('9'.repeat(500))).toHaveLength(64);
  });
});

describe('masking', () => {
  it('keeps the first and last 4 digits of a NIK', () => {
    expect(maskIdentity('3503123456780217')).toBe('3503••••••••0217');
    expect(maskIdentity(' 3503123456780217 ')).toBe('3503••••••••0217');
  });

  it('keeps the first letter and the domain of an email', () => {
    expect(maskIdentity('rudi.hartono@trenggalekkab.go.id')).toBe('r•••@trenggalekkab.go.id');
    expect(maskIdentity('r@x.id')).toBe('•••@x.id');
    expect(maskIdentity('@x.id')).toBe('•••@x.id');
    expect(maskIdentity('a"b@c@evil.id')).toBe('a•••@evil.id');
  });

  it('hides short or odd input completely and never echoes it', () => {
    expect(maskIdentity('')).toBe('');
    expect(maskIdentity('1234')).toBe('••••');
    expect(maskIdentity('12')).toBe('•••');
    expect(maskIdentity('12345678')).toBe('••••••••');
    expect(maskIdentity(null as unknown as string)).toBe('');
    const long = maskIdentity('x'.repeat(40));
    expect(long.startsWith('xxxx') && long.endsWith('xxxx')).toBe(true);
    expect(long).toContain('•');
  });

  it('masks NIKs and emails inside free text, also percent-encoded', () => {
    const masked = maskText('GET /api/user/status/3503123456780217 for rudi@kab.go.id and /chain/siti%40kab.go.id');
    expect(masked).not.toMatch(/3503123456780217|rudi@|siti%40/);
    expect(masked).toContain('3503••••••••0217');
    expect(masked).toContain('r•••@kab.go.id');
    expect(masked).toContain('s•••@kab.go.id');
    expect(maskText('code 2031, id 35031234567802170')).toBe('code 2031, id 35031234567802170');
  });
});

describe('retry timing', () => {
  it('uses full jitter under an exponential ceiling', () => {
    const policy = DEFAULT_RETRY_POLICY;
    expect(backoffDelayMs(1, policy, () => 1)).toBe(500);
    expect(backoffDelayMs(2, policy, () => 1)).toBe(1000);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(1000);
    expect(backoffDelayMs(30, policy, () => 1)).toBe(policy.maxDelayMs);
    expect(backoffDelayMs(1, policy, () => 0)).toBe(0);
  });

  it('clamps a broken random source', () => {
    expect(backoffDelayMs(1, DEFAULT_RETRY_POLICY, () => NaN)).toBe(500);
    expect(backoffDelayMs(1, DEFAULT_RETRY_POLICY, () => 7)).toBe(500);
    expect(backoffDelayMs(1, DEFAULT_RETRY_POLICY, () => -3)).toBe(0);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2025-03-10T02:00:00.000Z');
    expect(parseRetryAfterMs('3', now)).toBe(3000);
    expect(parseRetryAfterMs(' 0 ', now)).toBe(0);
    expect(parseRetryAfterMs('Mon, 10 Mar 2025 02:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfterMs('Mon, 10 Mar 2025 01:00:00 GMT', now)).toBe(0);
    for (const garbage of [null, '', '-1', '1.5', 'soon', '99999999999999', '0x10'])
      expect(parseRetryAfterMs(garbage, now), String(garbage)).toBeNull();
  });
});

describe('wire helpers', () => {
  it('cuts bodies at 64 KB on a character boundary', () => {
    expect(cutToBytes('abc')).toBe('abc');
    const cut = cutToBytes('é'.repeat(40_000));
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(64 * 1024);
    expect(cut).not.toContain('\uFFFD');
    expect(cutToBytes('x'.repeat(70_000))).toHaveLength(65_536);
  });

  it('parses JSON only when it is declared or plainly JSON', () => {
    expect(parseJsonBody('application/json;charset=UTF-8', '{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonBody(null, ' {"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonBody('text/html', '{"a":1}')).toEqual({ ok: false });
    expect(parseJsonBody('application/json', '<html>')).toEqual({ ok: false });
    expect(parseJsonBody('application/json', '')).toEqual({ ok: false });
  });

  it('tells a request that surely never left from one that may have arrived', () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });
    const multi = Object.assign(new TypeError('fetch failed'), {
      cause: new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })]),
    });
    const dns = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('dns'), { code: 'ENOTFOUND' }),
    });
    const closed = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    const reset = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
    });
    expect(classifyFetchError(refused).reach).toBe('not-sent');
    expect(classifyFetchError(multi).reach).toBe('not-sent');
    expect(classifyFetchError(dns).reach).toBe('not-sent');
    expect(classifyFetchError(new TypeError('Invalid header value')).reach).toBe('not-sent');
    expect(classifyFetchError(closed).reach).toBe('maybe-sent');
    expect(classifyFetchError(reset).reach).toBe('maybe-sent');
    expect(classifyFetchError('weird').reach).toBe('maybe-sent');
    const loop: { cause?: unknown } = {};
    loop.cause = loop;
    expect(classifyFetchError(loop).reach).toBe('maybe-sent');
  });
});

describe('base URL validation', () => {
  it('refuses what must not be used as the Esign Client Service address', () => {
    expect(validateBaseUrl('https://esign.kab.go.id', false)).toBeNull();
    expect(validateBaseUrl('https://10.0.0.5:8443/esign/', false)).toBeNull();
    for (const [url, allowHttp] of [
      ['http://10.0.0.5:8080', false],
      ['javascript:alert(1)', true],
      ['file:///etc/passwd', true],
      ['https://u:p@esign.kab.go.id', false],
      ['https://esign.kab.go.id/?x=1', false],
      ['https://esign.kab.go.id/#a', false],
      ['esign.kab.go.id', true],
      ['   ', true],
      [undefined as unknown as string, true],
    ] as const) {
      expect(validateBaseUrl(url, allowHttp), String(url)).toEqual(expect.any(String));
    }
  });
});

describe('certificate normalization', () => {
  it('returns null for anything that is not a certificate', () => {
    for (const entry of [
      '',
      'bm90IGEgY2VydA==',
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
      42,
      null,
      { pem: 'x' },
      '<html>',
    ]) {
      expect(toPem(entry)).toBeNull();
    }
    expect(() => parseCertificateValidity('garbage')).toThrow(/X\.509/);
  });
});
