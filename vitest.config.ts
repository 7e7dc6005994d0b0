// Unit and integration tests: shared rules and the core under plain Node with real SQLite files.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // Vitest's default is one worker fewer than the cores: one file at a time on a 2-core machine,
    // with ~2.6 s of start-up between files. Two workers overlap that start-up with the other's tests.
    maxWorkers: 2,
  },
});
