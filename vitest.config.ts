import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration tests start real servers (redis-server, loopback fakes); two cores, so keep it modest.
    maxWorkers: 2,
  },
});
