/**
 * Where the 32-byte data key comes from. The web host keeps it in a 0600 key file next to the
 * database; the Electron shell wraps it with the OS keychain (safeStorage) in its own provider.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface KeyProvider {
  /** The data key; created on first use. */
  getDataKey(): Buffer;
}

export class FileKeyProvider implements KeyProvider {
  private cached: Buffer | null = null;
  constructor(private readonly path: string) {}

  getDataKey(): Buffer {
    if (this.cached) return this.cached;
    if (!existsSync(this.path)) {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(this.path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    }
    if (process.platform !== 'win32' && (statSync(this.path).mode & 0o077) !== 0) chmodSync(this.path, 0o600);
    const key = Buffer.from(readFileSync(this.path, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`Key file ${this.path} does not hold a 32-byte key`);
    this.cached = key;
    return key;
  }
}

/** For tests: a fixed in-memory key. */
export class StaticKeyProvider implements KeyProvider {
  constructor(private readonly key: Buffer = randomBytes(32)) {}
  getDataKey(): Buffer {
    return this.key;
  }
}
