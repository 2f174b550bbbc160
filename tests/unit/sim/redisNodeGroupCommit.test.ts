import { MS, redisWorld, SEC, US } from './redisNodeHarness';

// Oracle: redis.conf appendfsync always: a reply goes out only after the
// fsync of the writes before it. The model reads one packet per event-loop
// iteration (a pipeline is one read: one fsync covers it, DESIGN.md), so a
// command that arrived alone is fsynced and answered before a pipeline queued
// behind it runs; the pipeline then gets its own fsync.
describe('appendfsync always, one read at a time', () => {
  it('answers a lone write after its own fsync, then runs the pipeline queued behind it', () => {
    const h = redisWorld({ appendonly: 'yes', appendfsync: 'always', save: '' });
    h.cmd(0, ['SET', 'a', '1']);
    h.pipe(0, [
      ['SET', 'b', '2'],
      ['SET', 'c', '3'],
    ]);
    h.w.engine.run(1 * SEC);
    // SET a ends at 11 µs, its fsync (1 ms) at 1.011 ms; the pipeline runs at
    // 1.012 and 1.013 ms, its fsync ends at 2.013 ms; replies take 10 µs.
    expect(h.seen.map((s) => [s.argv.join(' '), s.atNs])).toEqual([
      ['SET a 1', 1 * MS + 21 * US],
      ['SET b 2', 2 * MS + 23 * US],
      ['SET c 3', 2 * MS + 23 * US],
    ]);
  });
});
