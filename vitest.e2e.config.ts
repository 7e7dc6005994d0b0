// End-to-end journeys: the web host on a random loopback port, driven in Debian's Chromium; and the
// office-network proofs on hosts made of network namespaces (test/netns, root only, run one at a time).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts', 'test/netns/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
