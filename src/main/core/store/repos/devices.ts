/**
 * Paired desk devices, the Admin's one-time pairing codes and the network settings (db first: plain
 * rows in, plain rows out). Device keys and pairing codes are stored as SHA-256 hashes only.
 */
import type { Db } from '../db';

export interface DeviceRecord {
  id: string;
  name: string;
  credentialHash: string;
  createdAt: string;
  lastSeenAt: string | null;
  lastIp: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

interface DeviceRow {
  id: string;
  name: string;
  credential_hash: string;
  created_at: string;
  last_seen_at: string | null;
  last_ip: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

const toDevice = (r: DeviceRow): DeviceRecord => ({
  id: r.id,
  name: r.name,
  credentialHash: r.credential_hash,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  lastIp: r.last_ip,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
});

export async function insertDevice(
  db: Db,
  d: { id: string; name: string; credentialHash: string; createdAt: string },
): Promise<void> {
  await db
    .prepare('INSERT INTO devices (id, name, credential_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)')
    .run(d.id, d.name, d.credentialHash, d.createdAt, d.createdAt);
}

export async function findDevice(db: Db, id: string): Promise<DeviceRecord | null> {
  const row = (await db.prepare('SELECT * FROM devices WHERE id = ?').get(id)) as DeviceRow | undefined;
  return row ? toDevice(row) : null;
}

export async function listDevices(db: Db): Promise<DeviceRecord[]> {
  return ((await db.prepare('SELECT * FROM devices ORDER BY created_at DESC, id').all()) as DeviceRow[]).map(toDevice);
}

export async function countActiveDevices(db: Db): Promise<number> {
  return ((await db.prepare('SELECT COUNT(*) AS n FROM devices WHERE revoked_at IS NULL').get()) as { n: number }).n;
}

export async function touchDevice(db: Db, id: string, at: string, ip: string): Promise<void> {
  await db.prepare('UPDATE devices SET last_seen_at = ?, last_ip = ? WHERE id = ?').run(at, ip, id);
}

export async function revokeDeviceRow(db: Db, id: string, at: string, by: string): Promise<boolean> {
  return (
    (
      await db
        .prepare('UPDATE devices SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL')
        .run(at, by, id)
    ).changes === 1
  );
}

export interface PairingCodeRecord {
  hash: string;
  createdBy: string | null;
  expiresAt: string;
}

export async function insertPairingCode(
  db: Db,
  c: { hash: string; createdBy: string | null; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .prepare('INSERT INTO pairing_codes (hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?)')
    .run(c.hash, c.createdBy, c.createdAt, c.expiresAt);
}

/** Codes not used and not expired at `now`. */
export async function openPairingCodes(db: Db, now: string): Promise<PairingCodeRecord[]> {
  const rows = (await db
    .prepare('SELECT hash, created_by, expires_at FROM pairing_codes WHERE used_at IS NULL AND expires_at > ?')
    .all(now)) as { hash: string; created_by: string | null; expires_at: string }[];
  return rows.map((r) => ({ hash: r.hash, createdBy: r.created_by, expiresAt: r.expires_at }));
}

/** Marks the code used for `deviceId`; false when another request used it first. */
export async function usePairingCode(db: Db, hash: string, at: string, deviceId: string): Promise<boolean> {
  return (
    (
      await db
        .prepare('UPDATE pairing_codes SET used_at = ?, device_id = ? WHERE hash = ? AND used_at IS NULL')
        .run(at, deviceId, hash)
    ).changes === 1
  );
}

export async function readBrowserAllowed(db: Db): Promise<boolean> {
  const row = (await db.prepare('SELECT browser_allowed FROM network_settings WHERE id = 1').get()) as
    { browser_allowed: number } | undefined;
  return row?.browser_allowed === 1;
}

export async function writeBrowserAllowed(db: Db, allowed: boolean, at: string, by: string): Promise<void> {
  await db
    .prepare('UPDATE network_settings SET browser_allowed = ?, updated_at = ?, updated_by = ? WHERE id = 1')
    .run(allowed ? 1 : 0, at, by);
}
