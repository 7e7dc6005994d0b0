/** Client settings pointing at a test simulator, so each BSrE test states only what it changes. */
import type { BsreSettings } from '../../src/main/core/bsre/types';

export function simSettings(
  url: string,
  credentials: { username: string; password: string },
  overrides: Partial<BsreSettings> = {},
): BsreSettings {
  return {
    baseUrl: url,
    allowHttp: true,
    username: credentials.username,
    password: credentials.password,
    apiVersion: 'v2',
    registrationPath: '/api/v2/user/registration',
    oidInstansi: '',
    sendOidInstansi: false,
    sendNik: false,
    sendRecommendationLetter: false,
    timeouts: { statusMs: 5_000, registrationMs: 5_000, chainMs: 5_000, verifyMs: 5_000 },
    ...overrides,
  };
}
