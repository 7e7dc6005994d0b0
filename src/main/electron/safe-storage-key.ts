/**
 * The data key under Electron: 32 random bytes, wrapped by the OS keychain (safeStorage) and kept
 * in `<userData>/data-key.bin`. Without OS encryption we refuse to start rather than keep the key
 * in the clear; and we never replace an existing key, since that would orphan every attachment.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { safeStorage } from 'electron';

import type { KeyExpectation, KeyProvider } from '../core/crypto/key-provider';

export const DATA_KEY_FILE = 'data-key.bin';

export interface SafeStorageKeyOptions {
  /** If this database already exists, a missing key file is an error, not a first run. */
  databasePath?: string;
}

export class SafeStorageKeyProvider implements KeyProvider {
  private cached: Buffer | null = null;
  private readonly keyPath: string;

  constructor(
    userDataDir: string,
    private readonly options: SafeStorageKeyOptions = {},
  ) {
    this.keyPath = path.join(userDataDir, DATA_KEY_FILE);
  }

  getDataKey(expect?: KeyExpectation): Buffer {
    if (this.cached) return this.cached;
    if (!safeStorage.isEncryptionAvailable()) {
      throw new Error(
        'Enkripsi sistem operasi (safeStorage) tidak tersedia, kunci data tidak dapat diamankan. ' +
          'Pastikan keychain/keyring sistem aktif lalu jalankan ulang aplikasi.',
      );
    }
    const key = existsSync(this.keyPath) ? this.read() : this.create(expect);
    this.cached = key;
    return key;
  }

  private read(): Buffer {
    let key: Buffer;
    try {
      key = Buffer.from(safeStorage.decryptString(readFileSync(this.keyPath)), 'base64');
    } catch (error) {
      throw new Error(`Kunci data di ${this.keyPath} tidak dapat dibuka dengan keychain pengguna ini.`, {
        cause: error,
      });
    }
    if (key.length !== 32) throw new Error(`Berkas ${this.keyPath} tidak berisi kunci data 32 byte.`);
    return key;
  }

  private create(expect?: KeyExpectation): Buffer {
    const { databasePath } = this.options;
    // The core opens (and so creates) the database before asking for the key, and tells what it found:
    // refuse only when that data needs a key this file would have held.
    const needsOldKey = expect ? expect.sealedData || expect.check !== null : databasePath && existsSync(databasePath);
    if (needsOldKey) {
      throw new Error(
        `Basis data ${databasePath} sudah ada tetapi kunci datanya (${this.keyPath}) hilang. Pulihkan berkas kunci dari cadangan.`,
      );
    }
    const key = randomBytes(32);
    mkdirSync(path.dirname(this.keyPath), { recursive: true });
    // Written beside the target, then renamed, so a crash never leaves a truncated key file.
    const temporary = `${this.keyPath}.${process.pid}.tmp`;
    writeFileSync(temporary, safeStorage.encryptString(key.toString('base64')), { mode: 0o600, flag: 'wx' });
    renameSync(temporary, this.keyPath);
    return key;
  }
}
