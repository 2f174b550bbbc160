// Documented memcached rules on the model; the same table is checked against
// real memcached by tests/differential/memcachedDocumented.test.ts.
import { createMemcachedStore } from '../../../src/sim/memcached';
import { DOCUMENTED_CASES } from './documentedCases';

/** A fixed clock: the server started at T0, every request 5 s later. */
const T0_MS = 1_800_000_000_000;
const NOW_MS = T0_MS + 5_000;

describe('memcached model: documented rules, replies as memcached 1.6.18 gives them', () => {
  it.each(DOCUMENTED_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const store = createMemcachedStore({ startedMs: T0_MS, itemSizeMax: c.server?.itemSizeMax });
    for (const [i, [request, reply]] of c.steps(Math.floor(NOW_MS / 1000)).entries())
      expect(store.exec(request, { nowMs: NOW_MS }), `step ${i}: ${JSON.stringify(request)}`).toBe(
        reply,
      );
  });

  // Checked on memcached 1.6.18 over a raw socket: "set k 0 0 5\r\nab" got no
  // reply within 300 ms, nor did a line without its \n; the rest completed them.
  it('answers nothing for a data block or a line that has not fully arrived', () => {
    const store = createMemcachedStore({ startedMs: T0_MS });
    expect(store.exec('set k 0 0 5\r\nab', { nowMs: NOW_MS })).toBe('');
    expect(store.exec('set k 0 0 5\r\nabcde\r\nget k', { nowMs: NOW_MS })).toBe('STORED\r\n');
    expect(store.exec('get k\r\n', { nowMs: NOW_MS })).toBe('VALUE k 0 5\r\nabcde\r\nEND\r\n');
  });
});
