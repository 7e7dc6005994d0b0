/**
 * Where the 32-byte data key comes from. The web host keeps it in a 0600 key file next to the
 * database; the Electron shell wraps it with the OS keychain (safeStorage) in its own provider.
 * The core tells the provider what the store expects (its key-check value, whether anything is
 * sealed), so a provider never creates a fresh key over sealed data, and the file provider can
 * finish a key rotation that was interrupted between the database's commit and the key file's rename.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { Failure } from '../failure';
import { keyMatchesCheck } from './key-check';

export interface KeyExpectation {
  /** The store's recorded key-check value (null: none recorded yet). */
  check: string | null;
  /** True when the store already holds sealed values: a new key must not be made. */
  sealedData: boolean;
  /** Where the provider reports what it repaired (a finished rotation, a removed leftover). */
  log?: (message: string) => void;
}

export interface KeyProvider {
  /** The data key; created on first use only when the store holds nothing sealed. */
  getDataKey(expect?: KeyExpectation): Buffer;
}

function readKeyFile(path: string): Buffer {
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`Key file ${path} does not hold a 32-byte key`);
  return key;
}

/** `data.key.new-*` and `data.key.old-*` beside the key file (left by `npm run key:rotate`). */
export function leftoverKeyFiles(keyPath: string): string[] {
  const dir = dirname(keyPath);
  const base = basename(keyPath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.startsWith(`${base}.new-`) || name.startsWith(`${base}.old-`))
    .sort()
    .map((name) => join(dir, name));
}

function tryRead(path: string): Buffer | null {
  try {
    return readKeyFile(path);
  } catch {
    return null;
  }
}

export function keyMismatchMessage(keyPath: string, missing: boolean): string {
  const leftovers = leftoverKeyFiles(keyPath).map((p) => basename(p));
  const head = missing
    ? `Berkas kunci data ${keyPath} tidak ada, padahal basis data sudah berisi data terenkripsi. Kunci baru TIDAK dibuat.`
    : `Kunci data di ${keyPath} tidak cocok dengan basis data. Aplikasi tidak dijalankan agar data tidak tersimpan dengan kunci yang salah.`;
  const hint = leftovers.length
    ? ` Ada berkas kunci sisa rotasi: ${leftovers.join(', ')} — tidak ada yang cocok; periksa salinan kunci kantor.`
    : ' Pulihkan data.key yang benar dari salinan kunci kantor, lalu jalankan ulang.';
  return head + hint;
}

export class FileKeyProvider implements KeyProvider {
  private cached: Buffer | null = null;
  constructor(private readonly path: string) {}

  getDataKey(expect?: KeyExpectation): Buffer {
    if (this.cached) return this.cached;
    const key = existsSync(this.path) ? this.readChecked(expect) : this.missing(expect);
    if (expect?.check) this.dropStaleNewKeys(expect);
    this.cached = key;
    return key;
  }

  private readChecked(expect: KeyExpectation | undefined): Buffer {
    if (process.platform !== 'win32' && (statSync(this.path).mode & 0o077) !== 0) chmodSync(this.path, 0o600);
    const key = readKeyFile(this.path);
    if (!expect?.check || keyMatchesCheck(key, expect.check)) return key;
    return this.finishRotation(expect, key) ?? this.refuse(false);
  }

  private missing(expect: KeyExpectation | undefined): Buffer {
    if (expect?.sealedData) return this.finishRotation(expect, null) ?? this.refuse(true);
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    writeFileSync(this.path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    return readKeyFile(this.path);
  }

  /**
   * The store is already under the key in a `data.key.new-*` file: the rotation committed but was
   * stopped before the rename. Finish it — keep the current key as `.old-*` (older backups need it).
   */
  private finishRotation(expect: KeyExpectation, current: Buffer | null): Buffer | null {
    if (!expect.check) return null;
    const candidate = leftoverKeyFiles(this.path).find((p) => {
      const k = basename(p).includes('.new-') ? tryRead(p) : null;
      return k !== null && keyMatchesCheck(k, expect.check as string);
    });
    if (!candidate) return null;
    if (current && !leftoverKeyFiles(this.path).some((p) => tryRead(p)?.equals(current))) {
      const keep = `${this.path}.old-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}`;
      writeFileSync(keep, current.toString('base64'), { mode: 0o600, flag: 'wx' });
    }
    renameSync(candidate, this.path);
    expect.log?.(`Rotasi kunci yang terputus diselesaikan: ${basename(candidate)} menjadi ${basename(this.path)}.`);
    return readKeyFile(this.path);
  }

  /** A `.new-*` key the store is not under: its rotation never committed, so nothing is sealed with it. */
  private dropStaleNewKeys(expect: KeyExpectation): void {
    for (const p of leftoverKeyFiles(this.path)) {
      if (!basename(p).includes('.new-')) continue;
      const k = tryRead(p);
      if (k && keyMatchesCheck(k, expect.check as string)) continue;
      renameSync(p, p.replace('.new-', '.unused-'));
      expect.log?.(
        `Rotasi kunci yang terputus dibatalkan: ${basename(p)} tidak pernah dipakai (disimpan sebagai .unused-).`,
      );
    }
  }

  private refuse(missing: boolean): never {
    throw new Failure('DATA_KEY_MISMATCH', keyMismatchMessage(this.path, missing));
  }
}

/** For tests: a fixed in-memory key. */
export class StaticKeyProvider implements KeyProvider {
  constructor(private readonly key: Buffer = randomBytes(32)) {}
  getDataKey(): Buffer {
    return this.key;
  }
}
