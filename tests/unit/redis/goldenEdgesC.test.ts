import { replayOnModel } from './goldenReplay';

// Recorded from real redis-server 7.0 by npm run golden:record; checked against
// a live server by tests/differential/golden.test.ts.
it('answers the recorded edgesC workload (hand-picked collection, keyspace and glob edge cases) like redis-server 7.0', async () => {
  const r = await replayOnModel('edgesC');
  expect(r.steps).toBeGreaterThanOrEqual(r.size);
  expect(r.mismatches, r.report).toBe(0);
});
