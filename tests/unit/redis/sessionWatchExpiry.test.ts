import { replaySession } from './sessionReplay';

// Oracle: tests/fixtures/sessions/watchExpiry.json, recorded from real
// redis-server 7.0 (active expiry off, so only lazy deletes) by npm run
// sessions:record (script in tests/differential/sessions.ts); checked against a
// live server by tests/differential/sessions.test.ts.
it('answers the recorded WATCH-and-expiry session (several clients) like redis-server 7.0', () => {
  const r = replaySession('watchExpiry');
  expect(r.steps).toBeGreaterThan(50);
  expect(r.mismatches.join('\n')).toBe('');
});
