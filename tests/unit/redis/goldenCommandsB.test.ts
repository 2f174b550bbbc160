import { replayOnModel } from './goldenReplay';

// Recorded from real redis-server 7.0 by npm run golden:record; checked against
// a live server by tests/differential/golden.test.ts.
it('answers the recorded commandsB workload (lists, sets, sorted sets, blocking timeouts and random picks) like redis-server 7.0', async () => {
  const r = await replayOnModel('commandsB');
  expect(r.steps).toBeGreaterThanOrEqual(r.size);
  expect(r.mismatches, r.report).toBe(0);
});
