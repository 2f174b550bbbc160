import { replaySession } from './sessionReplay';

// Oracle: tests/fixtures/sessions/blocking.json, recorded from real redis-server 7.0
// by npm run sessions:record (script in tests/differential/sessions.ts); checked
// against a live server by tests/differential/sessions.test.ts. The recording
// includes the server's AOF (appendonly yes), the oracle for propagation.
it('answers the recorded blocking session (several clients) like redis-server 7.0', () => {
  const r = replaySession('blocking');
  expect(r.steps).toBeGreaterThan(50);
  expect(r.mismatches.join('\n')).toBe('');
  // What redis-server wrote to its AOF: served pops as LPOP/RPOP/LMOVE/ZPOPMIN...
  const [real, mine] = r.aof!;
  expect(real.length).toBeGreaterThan(20);
  expect(mine).toEqual(real);
});
