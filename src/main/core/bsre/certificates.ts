/**
 * Certificates as BSrE's chain endpoint hands them out (base64 DER or PEM) turned into PEM, and the
 * few fields the app reads from them (validity, serial, names). Parsing uses node:crypto so any key
 * type BSrE may use is accepted.
 */
import { X509Certificate } from 'node:crypto';

export interface CertificateValidity {
  notBefore: Date;
  notAfter: Date;
  /** Upper-case hex, as OpenSSL prints it. */
  serialNumber: string;
  subjectCN: string;
  issuerCN: string;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/;

/** A chain entry (PEM, or bare base64 DER possibly wrapped over lines) → canonical PEM; null if it is not a certificate. */
export function toPem(entry: unknown): string | null {
  if (typeof entry !== 'string') return null;
  const pemMatch = PEM_BLOCK.exec(entry);
  const base64 = (pemMatch ? (pemMatch[1] ?? '') : entry).replace(/\\[rn]/g, '').replace(/\s+/g, '');
  if (base64 === '' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(base64)) return null;
  const der = Buffer.from(base64.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  try {
    return new X509Certificate(der).toString();
  } catch {
    return null;
  }
}

/** Validity and names of one certificate; throws when the text is not a certificate. */
export function parseCertificateValidity(pem: string): CertificateValidity {
  const normalized = toPem(pem);
  if (normalized === null) throw new Error('Bukan sertifikat X.509 yang dapat dibaca.');
  const cert = new X509Certificate(normalized);
  const legacy = cert.toLegacyObject();
  return {
    notBefore: parseOpenSslDate(cert.validFrom),
    notAfter: parseOpenSslDate(cert.validTo),
    serialNumber: cert.serialNumber.toUpperCase(),
    subjectCN: commonName(legacy.subject),
    issuerCN: commonName(legacy.issuer),
  };
}

function commonName(name: unknown): string {
  if (name === null || typeof name !== 'object') return '';
  const cn = (name as Record<string, unknown>).CN;
  if (typeof cn === 'string') return cn;
  if (Array.isArray(cn)) return cn.filter((v): v is string => typeof v === 'string').join(', ');
  return '';
}

// OpenSSL prints "Feb 28 09:59:59 2026 GMT".
function parseOpenSslDate(text: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new Error(`Tanggal sertifikat tidak terbaca: ${text}`);
  return date;
}
