/**
 * The simulator's own certificate authorities: a root and an issuing CA under it, so a chain has
 * three certificates as production's does (leaf, "BSRE CA DS G1", "Root CA Indonesia DS G1").
 * Issued certificates are real X.509 (so the app's chain parsing is exercised for real) but carry
 * names nobody can mistake for BSrE's. Keys come from node:crypto (fast native RSA); node-forge only
 * builds and signs the certificates.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';

import forge from 'node-forge';

export const SIM_CA_NAME = 'SIMULASI BSrE CA';
export const SIM_ROOT_CA_NAME = 'SIMULASI Root CA Indonesia';
export const SIM_CA_ORGANIZATION = 'SIMULASI — BUKAN BSrE';

export interface SimCertificate {
  pem: string;
  /** Upper-case hex. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
}

export interface LeafSubject {
  nama: string;
  /** '' when the user was registered without a NIK. */
  nik: string;
  email: string;
}

export interface SimCa {
  /** The issuing CA (signs the users' certificates). */
  certificatePem: string;
  /** The root CA (signs the issuing CA). */
  rootCertificatePem: string;
  /** A user certificate valid from `notBefore` (cut to whole seconds) for exactly 2 years − 1 s. */
  issueLeaf(subject: LeafSubject, notBefore: Date): SimCertificate;
}

// @types/node-forge types valueTagClass as a Class although forge expects a universal Type here.
const UTF8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
const IA5 = forge.asn1.Type.IA5STRING as unknown as forge.asn1.Class;

function rsaKeyPair(): { publicKey: forge.pki.rsa.PublicKey; privateKey: forge.pki.rsa.PrivateKey } {
  const pair = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return {
    publicKey: forge.pki.publicKeyFromPem(pair.publicKey),
    privateKey: forge.pki.privateKeyFromPem(pair.privateKey),
  };
}

/** 16 random bytes with the top bit clear so the INTEGER stays positive. */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x10;
  return bytes.toString('hex');
}

function addYears(date: Date, years: number): Date {
  const copy = new Date(date.getTime());
  copy.setUTCFullYear(copy.getUTCFullYear() + years);
  return copy;
}

/** The end of a 2-year user certificate starting at `notBefore`. */
export function leafNotAfter(notBefore: Date): Date {
  return new Date(addYears(notBefore, 2).getTime() - 1000);
}

function caName(cn: string): forge.pki.CertificateField[] {
  return [
    { shortName: 'C', value: 'ID' },
    { shortName: 'O', value: SIM_CA_ORGANIZATION, valueTagClass: UTF8 },
    { shortName: 'CN', value: cn, valueTagClass: UTF8 },
  ];
}

function caCertificate(
  subject: forge.pki.CertificateField[],
  publicKey: forge.pki.rsa.PublicKey,
  issuer: { attributes: forge.pki.CertificateField[]; privateKey: forge.pki.rsa.PrivateKey; keyId?: string },
  now: Date,
  years: number,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = addYears(wholeSeconds(now), -5);
  cert.validity.notAfter = addYears(wholeSeconds(now), years);
  cert.setSubject(subject);
  cert.setIssuer(issuer.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    ...(issuer.keyId ? [{ name: 'authorityKeyIdentifier', keyIdentifier: issuer.keyId }] : []),
  ]);
  cert.sign(issuer.privateKey, forge.md.sha256.create());
  return cert;
}

/**
 * One root per process (valid from 5 years before to 25 years after its first use): it only signs
 * issuing CAs, and sharing it keeps a simulator's start to one CA key, as before the chain had three.
 */
let sharedRoot: { keys: ReturnType<typeof rsaKeyPair>; cert: forge.pki.Certificate } | null = null;

function rootCa(now: Date): { keys: ReturnType<typeof rsaKeyPair>; cert: forge.pki.Certificate } {
  if (sharedRoot) return sharedRoot;
  const keys = rsaKeyPair();
  const subject = caName(SIM_ROOT_CA_NAME);
  const cert = caCertificate(subject, keys.publicKey, { attributes: subject, privateKey: keys.privateKey }, now, 25);
  sharedRoot = { keys, cert };
  return sharedRoot;
}

export function createSimCa(now: Date): SimCa {
  const { keys: rootKeys, cert: root } = rootCa(now);
  const keys = rsaKeyPair();
  const ca = caCertificate(
    caName(SIM_CA_NAME),
    keys.publicKey,
    {
      attributes: root.subject.attributes,
      privateKey: rootKeys.privateKey,
      keyId: root.generateSubjectKeyIdentifier().getBytes(),
    },
    now,
    20,
  );
  const certificatePem = forge.pki.certificateToPem(ca);
  const rootCertificatePem = forge.pki.certificateToPem(root);

  return {
    certificatePem,
    rootCertificatePem,
    issueLeaf(subject, notBefore) {
      const start = wholeSeconds(notBefore);
      const end = leafNotAfter(start);
      const leafKeys = rsaKeyPair();
      const leaf = forge.pki.createCertificate();
      leaf.publicKey = leafKeys.publicKey;
      leaf.serialNumber = randomSerial();
      leaf.validity.notBefore = start;
      leaf.validity.notAfter = end;
      const fields: forge.pki.CertificateField[] = [
        { shortName: 'C', value: 'ID' },
        { shortName: 'O', value: SIM_CA_ORGANIZATION, valueTagClass: UTF8 },
        { shortName: 'CN', value: subject.nama, valueTagClass: UTF8 },
      ];
      if (subject.nik) fields.push({ name: 'serialNumber', value: subject.nik });
      fields.push({ name: 'emailAddress', value: subject.email, valueTagClass: IA5 });
      leaf.setSubject(fields);
      leaf.setIssuer(ca.subject.attributes);
      leaf.setExtensions([
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
        { name: 'extKeyUsage', emailProtection: true },
        { name: 'subjectAltName', altNames: [{ type: 1, value: subject.email }] },
        { name: 'subjectKeyIdentifier' },
        { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
      ]);
      leaf.sign(keys.privateKey, forge.md.sha256.create());
      return {
        pem: forge.pki.certificateToPem(leaf),
        serialNumber: leaf.serialNumber.toUpperCase(),
        notBefore: start,
        notAfter: end,
      };
    },
  };
}

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
