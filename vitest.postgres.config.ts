// The integration suite again with every test core on PostgreSQL (LOKET_TEST_ENGINE=postgres; the
// fixture gives each core its own schema). `npm test` runs it when LOKET_TEST_DATABASE_URL names a
// database (CI: scripts/ci/postgres-for-tests.sh). The files are the ones that speak to the core
// only through dispatch and the Store; files that open or inspect the SQLite file itself (raw
// scans, pragmas, file tampering, key rotation, the crash loop) and the OCR/face engines, which do
// not touch the store, stay on the SQLite run.
import { defineConfig } from 'vitest/config';

export const POSTGRES_SUITE = [
  'access-matrix',
  'clock-guard',
  'dashboard',
  'identity-desk',
  'identity-step-evidence',
  'idempotency',
  'login-lockout',
  'office-server',
  'privacy-request',
  'queue',
  'recap-export',
  'recap-list',
  'reports',
  'return-resubmit',
  'setup-auth',
  'upload-attacks',
  'workflow-madiun',
  'workflow-trenggalek',
  'bsre/workflow-training',
];

export default defineConfig({
  test: {
    include: POSTGRES_SUITE.map((name) => `test/integration/${name}.test.ts`),
    environment: 'node',
    testTimeout: 20_000,
    env: { LOKET_TEST_ENGINE: 'postgres' },
  },
});
