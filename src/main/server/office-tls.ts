/**
 * The office's own TLS: at first start an office CA (10 years) and a server certificate it signs
 * (the bind address, extra names, localhost and 127.0.0.1 as SANs), written to `<data>/tls/` (folder
 * 0700, files 0600) and reused on later starts. A server certificate that no longer names every
 * address asked for is re-issued under the same CA, so browsers that installed the CA keep trusting
 * it. Keys come from node:crypto (fast native RSA); node-forge builds and signs the certificates.
 */
import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';

import forge from 'node-forge';

export interface OfficeTls {
  caPem: string;
  certPem: string;
  keyPem: string;
  /** SHA-256 of the server certificate (DER), colon hex upper case, as browsers show it. */
  fingerprint: string;
}

const UTF8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
const CA_YEARS = 10;
const SERVER_YEARS = 5;

const files = (dir: string) => ({
  caCert: join(dir, 'office-ca.crt'),
  caKey: join(dir, 'office-ca.key'),
  cert: join(dir, 'server.crt'),
  key: join(dir, 'server.key'),
});

function rsaKeys(): { publicKey: forge.pki.rsa.PublicKey; privateKey: forge.pki.rsa.PrivateKey; pem: string } {
  const pair = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return {
    publicKey: forge.pki.publicKeyFromPem(pair.publicKey),
    privateKey: forge.pki.privateKeyFromPem(pair.privateKey),
    pem: pair.privateKey,
  };
}

function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x10;
  return bytes.toString('hex');
}

/** Certificates start a day early: a desk whose clock runs a little behind still accepts them. */
const DAY_MS = 86_400_000;

function yearsFrom(date: Date, years: number): Date {
  const copy = new Date(Math.floor(date.getTime() / 1000) * 1000);
  copy.setUTCFullYear(copy.getUTCFullYear() + years);
  return copy;
}

const name = (cn: string): forge.pki.CertificateField[] => [
  { shortName: 'O', value: 'Loket TTE kantor', valueTagClass: UTF8 },
  { shortName: 'CN', value: cn, valueTagClass: UTF8 },
];

/** Colon hex, upper case: `AB:CD:…`, the form browsers and `getPeerCertificate().fingerprint256` use. */
export function fingerprintOf(certPem: string): string {
  const der = new X509Certificate(certPem).raw;
  return createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
}

/** The names a server certificate must carry: the bind address, the extra names, and loopback. */
export function subjectNames(bind: string, extraNames: readonly string[] = []): string[] {
  const all = [bind, ...extraNames, 'localhost', '127.0.0.1'].map((n) => n.trim()).filter((n) => n && n !== '0.0.0.0');
  return [...new Set(all)];
}

function makeCa(now: Date): { cert: forge.pki.Certificate; keys: ReturnType<typeof rsaKeys> } {
  const keys = rsaKeys();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = new Date(yearsFrom(now, 0).getTime() - DAY_MS);
  cert.validity.notAfter = yearsFrom(now, CA_YEARS);
  const subject = name(`Loket TTE CA kantor ${now.toISOString().slice(0, 10)}`);
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { cert, keys };
}

function makeServerCert(
  ca: forge.pki.Certificate,
  caKey: forge.pki.rsa.PrivateKey,
  names: readonly string[],
  now: Date,
): { certPem: string; keyPem: string } {
  const keys = rsaKeys();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = new Date(yearsFrom(now, 0).getTime() - DAY_MS);
  const end = yearsFrom(now, SERVER_YEARS);
  cert.validity.notAfter = end < ca.validity.notAfter ? end : ca.validity.notAfter;
  cert.setSubject(name(names[0] ?? 'localhost'));
  cert.setIssuer(ca.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
    {
      name: 'subjectAltName',
      altNames: names.map((n) => (isIP(n) ? { type: 7, ip: n } : { type: 2, value: n })),
    },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.pem };
}

const writePrivate = (file: string, text: string) => {
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600);
};

/** Whether `certPem` names every one of `names` (DNS or IP SAN). */
function coversNames(certPem: string, names: readonly string[]): boolean {
  const x509 = new X509Certificate(certPem);
  return names.every((n) => (isIP(n) ? x509.checkIP(n) !== undefined : x509.checkHost(n) !== undefined));
}

/** Loads the office TLS material from `<dataDir>/tls`, making what is missing. */
export function loadOrCreateOfficeTls(
  dataDir: string,
  bind: string,
  extraNames: readonly string[] = [],
  now: Date = new Date(),
): OfficeTls {
  const dir = join(dataDir, 'tls');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const paths = files(dir);
  const names = subjectNames(bind, extraNames);
  if (!existsSync(paths.caCert) || !existsSync(paths.caKey)) {
    const ca = makeCa(now);
    writePrivate(paths.caKey, ca.keys.pem);
    writePrivate(paths.caCert, forge.pki.certificateToPem(ca.cert));
  }
  const caPem = readFileSync(paths.caCert, 'utf8');
  const fresh = existsSync(paths.cert) && existsSync(paths.key) && coversNames(readFileSync(paths.cert, 'utf8'), names);
  if (!fresh) {
    const ca = forge.pki.certificateFromPem(caPem);
    const caKey = forge.pki.privateKeyFromPem(readFileSync(paths.caKey, 'utf8'));
    const server = makeServerCert(ca, caKey, names, now);
    writePrivate(paths.key, server.keyPem);
    writePrivate(paths.cert, server.certPem);
  }
  const certPem = readFileSync(paths.cert, 'utf8');
  return { caPem, certPem, keyPem: readFileSync(paths.key, 'utf8'), fingerprint: fingerprintOf(certPem) };
}
