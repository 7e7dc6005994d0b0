/**
 * The schema history, one file per version (NNNN-name.ts), listed here in order. Append-only: never
 * edit a released file; add the next one and list it below.
 */
import { migration as m0001 } from './0001-office-users-audit';
import { migration as m0002 } from './0002-applications-documents';
import { migration as m0003 } from './0003-bsre';
import { migration as m0004 } from './0004-identity-desk';
import { migration as m0005 } from './0005-office-records';
import { migration as m0006 } from './0006-audit-chain-lockout';
import { migration as m0007 } from './0007-data-lifecycle-backups';
import { migration as m0008 } from './0008-bsre-juknis';
import { migration as m0009 } from './0009-resilience';
import { migration as m0010 } from './0010-intake';
import { migration as m0011 } from './0011-office-network';
import { migration as m0012 } from './0012-postgres-row-order';
import { migration as m0013 } from './0013-postgres-name-search';
import { migration as m0014 } from './0014-postgres-binary-collation';
import type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
];
