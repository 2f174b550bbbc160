import { replayOnModel } from './goldenReplay';

// Recorded from real redis-server 7.0 by npm run golden:record; checked against
// a live server by tests/differential/golden.test.ts.
it('answers the recorded commands workload (random strings, keys, lists, sets, sorted sets, hashes and MULTI blocks) like redis-server 7.0', async () => {
  const r = await replayOnModel('commands');
  expect(r.steps).toBeGreaterThanOrEqual(r.size);
  expect(r.mismatches, r.report).toBe(0);
});
