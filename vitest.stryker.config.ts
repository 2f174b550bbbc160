import { defineConfig } from 'vitest/config';
import base from './vite.config';

// The test set Stryker runs for each mutant of src/sim, src/views/url.ts and
// src/views/embed.ts: unit tests, the differential tests against a real
// redis-server (they kill most engine mutants) and the node-environment tests of
// url.ts and embed.ts. Svelte component tests and the browser run are left out:
// they exercise the views, and would multiply the run time. So are the whole-
// scenario runs of tests/unit/scenarios: each takes seconds under Stryker's
// instrumentation (one timed out at 30 s in the dry run), and they check
// narration and outcomes rather than Redis's rules.
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
        'tests/unit/views/**/*.test.ts',
        'tests/differential/**/*.test.ts',
        'tests/component/url.test.ts',
        'tests/component/urlNotice.test.ts',
        'tests/component/embed.test.ts',
        'tests/component/fuzz.test.ts',
      ],
    },
  };
});
