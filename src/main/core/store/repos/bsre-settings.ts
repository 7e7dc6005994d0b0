/** The office's BSrE connection: mode, address, credentials (password sealed), API variant. */
import { openText, sealText } from '../../crypto/aead';
import type { Db } from '../db';

export type BsreMode = 'training' | 'live' | 'manual';

export interface BsreSettingsRecord {
  mode: BsreMode;
  baseUrl: string;
  allowHttp: boolean;
  username: string;
  /** Null when none is stored. Never leaves the core. */
  password: string | null;
  apiVersion: 'v1' | 'v2';
  registrationPath: string;
  oidInstansi: string;
  /** Opt-in extras to the juknis body {nama, email}; all off by default. */
  sendOidInstansi: boolean;
  sendNik: boolean;
  sendRecommendationLetter: boolean;
  pollIntervalSeconds: number;
}

export const DEFAULT_BSRE_SETTINGS: BsreSettingsRecord = {
  mode: 'training',
  baseUrl: '',
  allowHttp: false,
  username: '',
  password: null,
  apiVersion: 'v2',
  registrationPath: '/api/v2/user/registration',
  oidInstansi: '',
  sendOidInstansi: false,
  sendNik: false,
  sendRecommendationLetter: false,
  pollIntervalSeconds: 60,
};

interface Row {
  mode: BsreMode;
  base_url: string;
  allow_http: number;
  username: string;
  password_sealed: Buffer | null;
  api_version: 'v1' | 'v2';
  registration_path: string;
  oid_instansi: string;
  send_recommendation: number;
  send_nik: number;
  send_oid_instansi: number;
  poll_interval_seconds: number;
}

const AD = 'bsre_settings:password';

export async function readBsreSettings(db: Db, key: Buffer): Promise<BsreSettingsRecord> {
  const r = (await db.prepare('SELECT * FROM bsre_settings WHERE id = 1').get()) as Row | undefined;
  if (!r) return { ...DEFAULT_BSRE_SETTINGS };
  return {
    mode: r.mode,
    baseUrl: r.base_url,
    allowHttp: r.allow_http === 1,
    username: r.username,
    password: r.password_sealed ? openText(key, r.password_sealed, AD) : null,
    apiVersion: r.api_version,
    registrationPath: r.registration_path,
    oidInstansi: r.oid_instansi,
    sendOidInstansi: r.send_oid_instansi === 1,
    sendNik: r.send_nik === 1,
    sendRecommendationLetter: r.send_recommendation === 1,
    pollIntervalSeconds: r.poll_interval_seconds,
  };
}

export async function saveBsreSettings(db: Db, key: Buffer, s: BsreSettingsRecord, at: string): Promise<void> {
  await db
    .prepare(
      `INSERT INTO bsre_settings (id, mode, base_url, allow_http, username, password_sealed, api_version, registration_path, oid_instansi,
       send_recommendation, send_nik, send_oid_instansi, poll_interval_seconds, updated_at)
     VALUES (1, @mode, @baseUrl, @allowHttp, @username, @passwordSealed, @apiVersion, @registrationPath, @oidInstansi,
       @sendRecommendation, @sendNikFlag, @sendOidFlag, @pollIntervalSeconds, @at)
     ON CONFLICT (id) DO UPDATE SET mode = excluded.mode, base_url = excluded.base_url, allow_http = excluded.allow_http,
       username = excluded.username, password_sealed = excluded.password_sealed, api_version = excluded.api_version,
       registration_path = excluded.registration_path, oid_instansi = excluded.oid_instansi,
       send_recommendation = excluded.send_recommendation, send_nik = excluded.send_nik,
       send_oid_instansi = excluded.send_oid_instansi, poll_interval_seconds = excluded.poll_interval_seconds,
       updated_at = excluded.updated_at`,
    )
    .run({
      ...s,
      allowHttp: s.allowHttp ? 1 : 0,
      passwordSealed: s.password ? sealText(key, s.password, AD) : null,
      sendRecommendation: s.sendRecommendationLetter ? 1 : 0,
      sendNikFlag: s.sendNik ? 1 : 0,
      sendOidFlag: s.sendOidInstansi ? 1 : 0,
      at,
    });
}
