import { replaySession } from './sessionReplay';

// Oracle: tests/fixtures/sessions/pubsub.json, recorded from real redis-server 7.0
// by npm run sessions:record (script in tests/differential/sessions.ts); checked
// against a live server by tests/differential/sessions.test.ts. The recording
// includes the server's AOF (appendonly yes), the oracle for propagation.
it('answers the recorded pubsub session (several clients) like redis-server 7.0', () => {
  const r = replaySession('pubsub');
  expect(r.steps).toBeGreaterThan(50);
  expect(r.mismatches.join('\n')).toBe('');
  // PUBLISH and the subscriber commands are never written to the AOF.
  const [real, mine] = r.aof!;
  expect(mine).toEqual(real);
});
