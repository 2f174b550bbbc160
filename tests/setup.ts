// jest-dom matchers for component tests; harmless in node-environment tests.
import '@testing-library/jest-dom/vitest';
import fc from 'fast-check';

// Property tests draw from a fixed seed, so `npm test` is reproducible (CI never
// fails on a corner a different run happened to draw). FC_SEED=random (or a
// number) explores other inputs; a failure prints the seed and path to replay.
const seedEnv = process.env.FC_SEED;
if (seedEnv !== 'random') {
  fc.configureGlobal({ seed: seedEnv ? Number(seedEnv) : 20261125 });
}
