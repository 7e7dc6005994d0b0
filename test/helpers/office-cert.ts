/**
 * Throw-away TLS certificates for the office-network tests: a self-signed P-256 certificate made
 * with openssl (as an admin would), and the two pins clients use — Node's SHA-256 fingerprint and
 * Chromium's base64 SHA-256 of the public key (`--ignore-certificate-errors-spki-list`).
 */
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCert {
  dir: string;
  certPath: string;
  keyPath: string;
  certPem: string;
  /** Node's `fingerprint256` (colon-separated hex), as a pinning desk compares it. */
  fingerprint256: string;
  /** base64(SHA-256(SubjectPublicKeyInfo)), for Chromium's --ignore-certificate-errors-spki-list. */
  spkiSha256: string;
}

/** A fresh key and certificate in a new temp dir (the caller removes `dir`). */
export function makeTestCert(commonName = 'office', address?: string): TestCert {
  const dir = mkdtempSync(join(tmpdir(), 'loket-netns-cert-'));
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-subj',
        `/CN=${commonName}`,
        '-days',
        '1',
        ...(address ? ['-addext', `subjectAltName=IP:${address}`] : []),
        '-keyout',
        keyPath,
        '-out',
        certPath,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
    throw new Error(
      e.code === 'ENOENT'
        ? 'openssl is needed to make the test certificates: apt-get install openssl'
        : `openssl req failed: ${e.stderr?.toString().trim() ?? e.message}`,
    );
  }
  const certPem = readFileSync(certPath, 'utf8');
  const x509 = new X509Certificate(certPem);
  const spki = x509.publicKey.export({ type: 'spki', format: 'der' });
  return {
    dir,
    certPath,
    keyPath,
    certPem,
    fingerprint256: x509.fingerprint256,
    spkiSha256: createHash('sha256').update(spki).digest('base64'),
  };
}
