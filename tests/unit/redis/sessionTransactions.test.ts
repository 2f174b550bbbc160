import { replaySession } from './sessionReplay';

// Oracle: tests/fixtures/sessions/transactions.json, recorded from real redis-server 7.0
// by npm run sessions:record (script in tests/differential/sessions.ts); checked
// against a live server by tests/differential/sessions.test.ts. The recording
// includes the server's AOF (appendonly yes), the oracle for propagation.
it('answers the recorded transactions session (several clients) like redis-server 7.0', () => {
  const r = replaySession('transactions');
  expect(r.steps).toBeGreaterThan(50);
  expect(r.mismatches.join('\n')).toBe('');
  // What redis-server wrote to its AOF: MULTI/EXEC only around several effects.
  const [real, mine] = r.aof!;
  expect(mine).toEqual(real);
});
