/**
 * What startOfficeServer accepts, checked with zod before anything listens: the Admin types the
 * address, the port and the extra names (in the desktop app or on the command line).
 */
import { isIP } from 'node:net';

import { z } from 'zod';

const HOST_NAME =
  /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export const bindAddressSchema = z
  .string({ error: 'Alamat server wajib diisi (alamat IP PC ini di jaringan kantor, mis. 192.168.1.10)' })
  .trim()
  .refine((value) => isIP(value) !== 0, 'Alamat server harus alamat IP, mis. 192.168.1.10');

export const portSchema = z.coerce
  .number({ error: 'Port harus angka' })
  .int('Port harus bilangan bulat')
  .min(0, 'Port tidak boleh negatif')
  .max(65535, 'Port paling besar 65535');

export const extraNameSchema = z
  .string()
  .trim()
  .refine((value) => isIP(value) !== 0 || HOST_NAME.test(value), 'Nama server harus nama DNS atau alamat IP');

export const officeServerOptionsSchema = z.object({
  bind: bindAddressSchema,
  port: portSchema,
  extraNames: z.array(extraNameSchema).max(20, 'Paling banyak 20 nama tambahan').default([]),
});

/**
 * `--database` / LOKET_DATABASE_URL: a PostgreSQL URL (postgres:// or postgresql://) as libpq and
 * node-postgres read it, nothing else. Not a WHATWG URL check: the local
 * socket form `postgresql://loket@/loket?host=/run/postgresql` (user, no host) is not a valid WHATWG
 * URL, yet it is the usual way to reach a database on the same machine.
 */
export const databaseUrlSchema = z
  .string()
  .trim()
  .refine(
    (value) => /^postgres(ql)?:\/\/\S+$/i.test(value),
    'Basis data --database harus alamat PostgreSQL, mis. postgresql://loket:sandi@localhost:5432/loket',
  );
