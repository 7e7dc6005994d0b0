/**
 * The office network's use cases: the Admin's view of this server (address, certificate fingerprint,
 * browser sign-in), one-time pairing codes, the paired devices and their revocation; and, for the
 * office server itself, trading a pairing proof for a device credential and recognising a device
 * on each request. Codes and device keys are kept as SHA-256 hashes only.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import { OFFICE_CA_PATH } from '../../../shared/contract/transport';
import { type DeviceView, type NetworkStatus, PAIRING_CODE_MINUTES } from '../../../shared/domain/network';
import {
  groupPairingCode,
  PAIRING_ALPHABET,
  PAIRING_CODE_LENGTH,
  pairingKeyHex,
  pairingProofFromKey,
  proofsMatch,
  serverProofFromKey,
} from '../../server/pairing-proof';
import type { ServiceContext, Services } from '../context';
import { fail } from '../failure';
import { inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import {
  countActiveDevices,
  type DeviceRecord,
  findDevice,
  insertDevice,
  insertPairingCode,
  listDevices,
  openPairingCodes,
  readBrowserAllowed,
  revokeDeviceRow,
  touchDevice,
  usePairingCode,
  writeBrowserAllowed,
} from '../store/repos/devices';
import { readOffice } from '../store/repos/office';
import { newId } from './ids';
import { BROWSER_ROLES } from './sign-in-place';

/** A device's last-seen stamp is refreshed at most this often (no write on every request). */
const TOUCH_EVERY_MS = 60_000;

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const toView = (d: DeviceRecord): DeviceView => ({
  id: d.id,
  name: d.name,
  pairedAt: d.createdAt,
  lastSeenAt: d.lastSeenAt,
  lastIp: d.lastIp,
  revokedAt: d.revokedAt,
});

function adminId(ctx: ServiceContext): string {
  if (!ctx.caller) fail('NOT_AUTHENTICATED');
  return ctx.caller.userId;
}

export async function status(ctx: Services): Promise<NetworkStatus> {
  const server = ctx.network.mode === 'server';
  return {
    mode: ctx.network.mode,
    address: server ? ctx.network.address : null,
    fingerprint: server ? ctx.network.fingerprint : null,
    browserAllowed: await readBrowserAllowed(ctx.db),
    devices: await countActiveDevices(ctx.db),
    caPath: server ? OFFICE_CA_PATH : null,
  };
}

function randomCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)];
  return code;
}

/** A one-time code, valid PAIRING_CODE_MINUTES; `createdBy` null when the headless server makes one at start. */
export async function createPairingCode(
  ctx: Services,
  createdBy: string | null,
): Promise<ChannelResult<'network.pairingCode'>> {
  const code = randomCode();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + PAIRING_CODE_MINUTES * 60_000).toISOString();
  await inTransaction(ctx.db, async () => {
    await insertPairingCode(ctx.db, { hash: pairingKeyHex(code), createdBy, createdAt: now.toISOString(), expiresAt });
    await writeAudit(ctx.db, {
      at: now.toISOString(),
      userId: createdBy,
      action: 'network.pairing_code',
      entity: 'network',
      entityId: null,
      detail: { expiresAt },
    });
  });
  return { code: groupPairingCode(code), expiresAt };
}

export async function pairingCode(ctx: ServiceContext): Promise<ChannelResult<'network.pairingCode'>> {
  if (ctx.network.mode !== 'server') fail('NETWORK_NOT_SERVER');
  return await createPairingCode(ctx, adminId(ctx));
}

export async function devices(ctx: ServiceContext): Promise<ChannelResult<'network.devices'>> {
  return (await listDevices(ctx.db)).map(toView);
}

export async function revokeDevice(
  ctx: ServiceContext,
  input: ChannelParsed<'network.revokeDevice'>,
): Promise<ChannelResult<'network.revokeDevice'>> {
  const by = adminId(ctx);
  const device = await findDevice(ctx.db, input.deviceId);
  if (!device) fail('NOT_FOUND');
  const at = ctx.clock.now().toISOString();
  await inTransaction(ctx.db, async () => {
    if (!(await revokeDeviceRow(ctx.db, device.id, at, by))) return;
    await writeAudit(ctx.db, {
      at,
      userId: by,
      action: 'network.device_revoked',
      entity: 'device',
      entityId: device.id,
      detail: { name: device.name },
    });
  });
  // Every user signed in at that desk is signed out; its event streams close with the sessions.
  ctx.sessions.endAllBound(`desk:${device.id}`);
  return toView((await findDevice(ctx.db, device.id)) ?? device);
}

export async function updateSettings(
  ctx: ServiceContext,
  input: ChannelParsed<'network.updateSettings'>,
): Promise<ChannelResult<'network.updateSettings'>> {
  const by = adminId(ctx);
  const at = ctx.clock.now().toISOString();
  await inTransaction(ctx.db, async () => {
    await writeBrowserAllowed(ctx.db, input.browserAllowed, at, by);
    await writeAudit(ctx.db, {
      at,
      userId: by,
      action: 'network.settings_updated',
      entity: 'network',
      entityId: null,
      detail: { browserAllowed: input.browserAllowed },
    });
  });
  if (!input.browserAllowed)
    ctx.sessions.endWhere((s) => s.binding.startsWith('browser:') && BROWSER_ROLES.includes(s.role));
  return await status(ctx);
}

export interface PairingAnswer {
  deviceId: string;
  deviceKey: string;
  serverProof: string;
  officeName: string;
  fingerprint: string;
}

/**
 * The server's side of `POST /pair`: the proof is checked against every open code with this server's
 * own fingerprint, so a proof made for another certificate matches nothing. The first match uses the
 * code and creates the device.
 */
export async function pairDevice(
  ctx: Services,
  request: { deviceName: string; nonce: string; proof: string },
  fingerprint: string,
  ip: string,
): Promise<PairingAnswer> {
  const now = ctx.clock.now().toISOString();
  const code = (await openPairingCodes(ctx.db, now)).find((c) =>
    proofsMatch(pairingProofFromKey(c.hash, fingerprint, request.nonce), request.proof),
  );
  if (!code) {
    await writeAudit(ctx.db, {
      at: now,
      userId: null,
      action: 'network.pairing_refused',
      entity: 'network',
      entityId: null,
      detail: { ip, deviceName: request.deviceName },
    });
    fail('PAIRING_CODE_INVALID');
  }
  const deviceId = newId();
  const deviceKey = randomBytes(32).toString('base64url');
  await inTransaction(ctx.db, async () => {
    await insertDevice(ctx.db, {
      id: deviceId,
      name: request.deviceName,
      credentialHash: sha256Hex(deviceKey),
      createdAt: now,
    });
    // Two desks racing with the same code: the second finds it used and its device row rolls back.
    if (!(await usePairingCode(ctx.db, code.hash, now, deviceId))) fail('PAIRING_CODE_INVALID');
    await touchDevice(ctx.db, deviceId, now, ip);
    await writeAudit(ctx.db, {
      at: now,
      userId: code.createdBy,
      action: 'network.device_paired',
      entity: 'device',
      entityId: deviceId,
      detail: { name: request.deviceName, ip },
    });
  });
  return {
    deviceId,
    deviceKey,
    serverProof: serverProofFromKey(code.hash, fingerprint, request.nonce),
    officeName: (await readOffice(ctx.db))?.name ?? '',
    fingerprint,
  };
}

/** A desk's credential on a request: unknown or wrong key → DEVICE_UNKNOWN; revoked → DEVICE_REVOKED. */
export async function authenticateDevice(
  ctx: Services,
  deviceId: string,
  deviceKey: string,
  ip: string,
): Promise<DeviceRecord> {
  const device = await findDevice(ctx.db, deviceId);
  const given = Buffer.from(sha256Hex(deviceKey), 'hex');
  const stored = Buffer.from(device?.credentialHash ?? sha256Hex(''), 'hex');
  if (!device || !timingSafeEqual(given, stored)) fail('DEVICE_UNKNOWN');
  if (device.revokedAt) fail('DEVICE_REVOKED');
  const now = ctx.clock.now();
  const seen = device.lastSeenAt ? Date.parse(device.lastSeenAt) : 0;
  if (device.lastIp !== ip || now.getTime() - seen >= TOUCH_EVERY_MS)
    await touchDevice(ctx.db, device.id, now.toISOString(), ip);
  return device;
}
