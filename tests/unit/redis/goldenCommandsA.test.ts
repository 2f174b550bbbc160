import { replayOnModel } from './goldenReplay';

// Recorded from real redis-server 7.0 by npm run golden:record; checked against
// a live server by tests/differential/golden.test.ts.
it('answers the recorded commandsA workload (strings, keyspace, hashes, WATCH, PUBSUB and whole SCAN/HSCAN iterations) like redis-server 7.0', async () => {
  const r = await replayOnModel('commandsA');
  expect(r.steps).toBeGreaterThanOrEqual(r.size);
  expect(r.mismatches, r.report).toBe(0);
});
