/** The office network as the Admin's screen sees it: this server's address, its fingerprint, the devices. */

export type NetworkMode = 'single' | 'server';

export interface NetworkStatus {
  mode: NetworkMode;
  /** https://<address>:<port>/ when running as the office server, else null. */
  address: string | null;
  /** SHA-256 of the server certificate, colon hex upper case; null in Satu PC. */
  fingerprint: string | null;
  browserAllowed: boolean;
  /** Paired devices not revoked. */
  devices: number;
  /** Where browsers download the office CA certificate (same origin), null in Satu PC. */
  caPath: string | null;
}

export interface DeviceView {
  id: string;
  name: string;
  pairedAt: string;
  lastSeenAt: string | null;
  lastIp: string | null;
  revokedAt: string | null;
}

export interface PairingCodeView {
  /** Grouped for reading, e.g. K7QM-3XPA-9TDW. */
  code: string;
  expiresAt: string;
}

/** A pairing code lives this long. */
export const PAIRING_CODE_MINUTES = 10;
