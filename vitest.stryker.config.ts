import { defineConfig } from 'vitest/config';
import base from './vite.config';

// The test set Stryker runs for each mutant of src/sim, src/views/url.ts and
// src/views/embed.ts (perTest coverage: only the tests that reach a mutant run
// for it). Measured in the dry run on this 2-core machine: the whole unit and
// differential set takes 6+ minutes under instrumentation, and a mutant in the
// Redis engine is reached by every random-workload differential test, so each
// one would cost minutes. Kept: the unit tests of the model and the URL, the
// deterministic differential tests (boundaries, expiry timing with real waits,
// blocking, corners) and the seeded random one at a small size
// (REDIS_DIFF_COMMANDS, set by npm run mutate). Left out: Svelte component
// tests and the browser run (they exercise the views), whole-scenario runs of
// tests/unit/scenarios (seconds each under instrumentation; one timed out at
// 30 s), the 3000-command AOF and encoding workloads, and fuzz.test.ts (it
// bounds wall-clock time, which instrumentation on a loaded machine breaks).
// STRYKER_QUICK=1 (npm run mutate:focus) also leaves out the differential tests
// that wait in real time or replay a random workload: with them a mutant of the
// engine cost about 10 s here (5 mutants a minute at concurrency 2).
// The include list replaces the base one (mergeConfig would append to it).
export default defineConfig((env) => {
  const config = typeof base === 'function' ? base(env) : base;
  return {
    ...config,
    test: {
      ...config.test,
      testTimeout: 60_000,
      include: [
        'tests/unit/redis/**/*.test.ts',
        'tests/unit/sim/**/*.test.ts',
        'tests/unit/memcached/**/*.test.ts',
        'tests/unit/views/**/*.test.ts',
        'tests/differential/boundaries.test.ts',
        'tests/differential/cornersB.test.ts',
        ...(process.env.STRYKER_QUICK
          ? []
          : [
              'tests/differential/expiryTiming.test.ts',
              'tests/differential/blocking.test.ts',
              'tests/differential/commands.test.ts',
            ]),
        'tests/component/url.test.ts',
        'tests/component/urlNotice.test.ts',
        'tests/component/embed.test.ts',
      ],
    },
  };
});
