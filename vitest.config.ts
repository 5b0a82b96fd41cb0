import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Some tests spawn the real CLI or a browser; generous limits keep them honest on a busy two-core machine.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Integration tests start real servers (redis-server, loopback fakes); two cores, so keep it modest.
    maxWorkers: 2,
  },
});
