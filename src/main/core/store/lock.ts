/**
 * One process at a time owns a store: `<db>.lock` holds the owner's pid. The web host and the
 * desktop app take it when they open the store; `npm run key:rotate` takes it too, so a rotation
 * never runs under a live host (which would keep sealing new rows with the old key). A lock whose
 * process is gone (a kill, a power cut) is taken over; the same process may open the store twice.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

import { Failure } from '../failure';

export interface StoreLock {
  release(): void;
}

interface LockInfo {
  pid: number;
  host: string;
  purpose: string;
  at: string;
}

export const lockPathOf = (dbPath: string): string => `${dbPath}.lock`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

/** Who holds the store now (another live process), or null. */
export function storeHolder(dbPath: string): LockInfo | null {
  const info = readLock(lockPathOf(dbPath));
  if (!info || info.pid === process.pid || info.host !== hostname() || !alive(info.pid)) return null;
  return info;
}

export function acquireStoreLock(dbPath: string, purpose: string): StoreLock {
  if (dbPath === ':memory:') return { release: () => undefined };
  const path = lockPathOf(dbPath);
  const holder = storeHolder(dbPath);
  if (holder)
    throw new Failure(
      'DATABASE_IN_USE',
      `Basis data sedang dipakai oleh proses lain (${holder.purpose}, pid ${holder.pid}, sejak ${holder.at}). Tutup proses itu terlebih dahulu.`,
    );
  const info: LockInfo = { pid: process.pid, host: hostname(), purpose, at: new Date().toISOString() };
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, JSON.stringify(info), { mode: 0o600 });
  return {
    release() {
      if (existsSync(path) && readLock(path)?.pid === process.pid) rmSync(path, { force: true });
    },
  };
}
