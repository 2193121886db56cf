import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 20000,
    // Starting or stopping a daemon under a loaded machine: SIGTERM drains for up to 10 s by design
    hookTimeout: 30000,
    pool: 'forks',
    // vitest's default is one worker fewer than the cores: one worker on 2 cores, which leaves a core idle
    // while a file waits on the processes it spawns (daemons, shells under tmux, hooks); two halve the wall time
    maxWorkers: Math.max(2, availableParallelism() - 1),
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
