/**
 * The live BSrE connection of a running core: the client built from the office's settings, and in
 * "Mode Latihan" (the default) an in-process simulator on loopback that the settings point at.
 * Switching to a real BSrE is one settings change followed by `reload()`.
 */
import { randomBytes } from 'node:crypto';

import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Db } from '../store/db';
import { type BsreMode, type BsreSettingsRecord, readBsreSettings } from '../store/repos/bsre-settings';
import { createBsreClient } from './client';
import { type BsreSimulator, startBsreSimulator } from './simulator';
import type { BsreClient, BsreSettings } from './types';

export const DEFAULT_TIMEOUTS: BsreSettings['timeouts'] = {
  statusMs: 30_000,
  registrationMs: 30_000,
  chainMs: 30_000,
  verifyMs: 120_000,
};

export interface BsreRuntimeOptions {
  db: Db;
  dataKey: Buffer;
  clock: Clock;
  logger: Logger;
  /** Overrides for tests (short timeouts, a fast sleep). */
  timeouts?: Partial<BsreSettings['timeouts']>;
  clientDeps?: Parameters<typeof createBsreClient>[1];
}

export class BsreRuntime {
  private current: { mode: BsreMode; client: BsreClient | null; problem: string | null } = {
    mode: 'manual',
    client: null,
    problem: null,
  };
  private sim: BsreSimulator | null = null;
  private simCredentials = { username: 'loket', password: randomBytes(18).toString('base64url') };

  constructor(private readonly options: BsreRuntimeOptions) {}

  /** Reads the settings and (re)builds the client; starts or stops the simulator as the mode needs. */
  async reload(): Promise<void> {
    const settings = await readBsreSettings(this.options.db, this.options.dataKey);
    if (settings.mode !== 'training' && this.sim) {
      await this.sim.close();
      this.sim = null;
    }
    if (settings.mode === 'manual') {
      this.current = { mode: 'manual', client: null, problem: null };
      return;
    }
    if (settings.mode === 'training' && !this.sim) {
      this.sim = await startBsreSimulator({
        username: this.simCredentials.username,
        password: this.simCredentials.password,
        clock: this.options.clock,
      });
      this.options.logger.info(`Mode Latihan: simulator BSrE di ${this.sim.url}`);
    }
    try {
      this.current = {
        mode: settings.mode,
        client: createBsreClient(this.effectiveSettings(settings), {
          logger: this.options.logger,
          clock: this.options.clock,
          ...this.options.clientDeps,
        }),
        problem: null,
      };
    } catch (error) {
      this.current = {
        mode: settings.mode,
        client: null,
        problem: error instanceof Error ? error.message : String(error),
      };
    }
  }

  /** What the client really uses: in training mode the simulator's address and credentials. */
  effectiveSettings(settings: BsreSettingsRecord): BsreSettings {
    const timeouts = { ...DEFAULT_TIMEOUTS, ...this.options.timeouts };
    const common = {
      apiVersion: settings.apiVersion,
      registrationPath: settings.registrationPath,
      oidInstansi: settings.oidInstansi,
      sendOidInstansi: settings.sendOidInstansi,
      sendNik: settings.sendNik,
      sendRecommendationLetter: settings.sendRecommendationLetter,
      timeouts,
    };
    if (settings.mode === 'training' && this.sim) {
      return {
        ...common,
        baseUrl: this.sim.url,
        allowHttp: true,
        username: this.simCredentials.username,
        password: this.simCredentials.password,
        apiVersion: 'v2',
        registrationPath: '/api/v2/user/registration',
      };
    }
    return {
      ...common,
      baseUrl: settings.baseUrl,
      allowHttp: settings.allowHttp,
      username: settings.username,
      password: settings.password ?? '',
    };
  }

  mode(): BsreMode {
    return this.current.mode;
  }

  /** Null in manual mode, before `reload()`, or when the settings cannot make a client. */
  client(): BsreClient | null {
    return this.current.client;
  }

  /** Why there is no client although the mode needs one (e.g. an http:// address without opt-in). */
  problem(): string | null {
    return this.current.problem;
  }

  simulator(): BsreSimulator | null {
    return this.sim;
  }

  async close(): Promise<void> {
    await this.sim?.close();
    this.sim = null;
  }
}
