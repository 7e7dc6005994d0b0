/**
 * Password hashing with scrypt at OWASP's current recommendation (N=2^17, r=8, p=1), run off the
 * event loop (libuv's thread pool) so a sign-in does not stall other desks. The cost is stored in
 * each hash; a hash made at a lower cost is replaced at the user's next successful sign-in. Tests may
 * pass a cheaper cost explicitly (CoreOptions.passwordCost); nothing lowers it by itself.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

export const PASSWORD_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const maxmemFor = (c: ScryptCost) => 256 * c.N * c.r + 16 * 1024 * 1024;

function derive(password: string, salt: Buffer, length: number, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, length, { ...cost, maxmem: maxmemFor(cost) }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, cost: ScryptCost = PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, 32, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** The cost a stored hash was made with, or null when it is not one of ours. */
export function costOf(stored: string): ScryptCost | null {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return null;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  // A hash claiming an absurd cost would make one sign-in eat the machine's memory.
  if (![cost.N, cost.r, cost.p].every(Number.isInteger) || cost.N < 2 || cost.N > 2 ** 20 || cost.r > 32 || cost.p > 16)
    return null;
  return cost;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const cost = costOf(stored);
  if (!cost) return false;
  const [, , , , salt, hash] = stored.split('$') as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), expected.length, cost);
  return timingSafeEqual(actual, expected);
}

/** True when `stored` was made at a lower cost than `target` (re-hash it at the next sign-in). */
export function needsRehash(stored: string, target: ScryptCost): boolean {
  const cost = costOf(stored);
  return !cost || cost.N < target.N || cost.r < target.r || cost.p < target.p;
}

const dummies = new Map<string, Promise<string>>();

/** A hash of nothing at `cost`: a wrong username burns the same time as a wrong password. */
export function dummyHash(cost: ScryptCost): Promise<string> {
  const id = `${cost.N}/${cost.r}/${cost.p}`;
  let hash = dummies.get(id);
  if (!hash) {
    hash = hashPassword(randomBytes(12).toString('hex'), cost);
    dummies.set(id, hash);
  }
  return hash;
}
