import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['vitest.setup.ts'],
    testTimeout: 60_000,
    // every core: the default leaves one idle, which on CI's two cores took the unit tests from 63 s to 99 s
    maxWorkers: availableParallelism(),
  },
});
