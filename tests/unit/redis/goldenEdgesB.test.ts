import { replayOnModel } from './goldenReplay';

// Recorded from real redis-server 7.0 by npm run golden:record; checked against
// a live server by tests/differential/golden.test.ts.
it('answers the recorded edgesB workload (string options, INCRBYFLOAT long doubles, OBJECT ENCODING thresholds, CONFIG SET/GET) like redis-server 7.0', async () => {
  const r = await replayOnModel('edgesB');
  expect(r.steps).toBeGreaterThanOrEqual(r.size);
  expect(r.mismatches, r.report).toBe(0);
});
