import fc from 'fast-check';
import { parseScanCursor, scanBuckets, tableSizeFor } from '../../../src/sim/redis/scanCursor';
import { harness } from './helpers';

/** Walks a changing collection with scanBuckets; `mutate` runs between calls. */
function walk(items: Set<string>, count: number, mutate: (step: number) => void): Set<string> {
  const seen = new Set<string>();
  let cursor = 0;
  let step = 0;
  do {
    const r = scanBuckets(items, items.size, (x) => x, cursor, count);
    for (const x of r.items) seen.add(x);
    cursor = Number(r.cursor);
    mutate(step++);
  } while (cursor !== 0 && step < 100_000);
  return seen;
}

describe('SCAN cursor (dictScan over a virtual table)', () => {
  it('returns every element of a fixed collection exactly once', () => {
    const items = new Set(Array.from({ length: 1000 }, (_, i) => `e${i}`));
    const seen: string[] = [];
    let cursor = 0;
    do {
      const r = scanBuckets(items, items.size, (x) => x, cursor, 10);
      seen.push(...r.items);
      cursor = Number(r.cursor);
    } while (cursor !== 0);
    expect(seen.length).toBe(1000);
    expect(new Set(seen).size).toBe(1000);
  });

  it('returns every element present for the whole walk, while others come and go and the table resizes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 2000 })), { maxLength: 200 }),
        (stable, count, ops) => {
          const items = new Set<string>();
          for (let i = 0; i < stable; i++) items.add(`stay${i}`);
          const seen = walk(items, count, (step) => {
            const op = ops[step % Math.max(ops.length, 1)];
            if (!op) return;
            const [add, n] = op;
            // Grow or shrink by a burst, so the table size changes mid-walk.
            for (let i = 0; i < 40; i++) {
              if (add) items.add(`tmp${n + i}`);
              else items.delete(`tmp${n + i}`);
            }
          });
          for (let i = 0; i < stable; i++) expect(seen.has(`stay${i}`)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('sizes tables like a dict (power of two, at least 4) and parses cursors like strtoul', () => {
    expect([0, 4, 5, 1000].map(tableSizeFor)).toEqual([4, 4, 8, 1024]);
    expect(parseScanCursor('')).toBe(0);
    expect(parseScanCursor('+7')).toBe(7);
    expect(parseScanCursor('-1')).toBe(0xffffffff);
    expect(parseScanCursor('18446744073709551615')).toBe(0xffffffff);
    for (const bad of ['x', ' 1', '1 ', '-', '+', '18446744073709551616']) {
      expect(parseScanCursor(bad)).toEqual({ type: 'error', value: 'ERR invalid cursor' });
    }
  });

  it('SCAN on the store keeps the guarantee while keys are added and deleted', () => {
    const { r } = harness();
    for (let i = 0; i < 500; i++) r(`SET stay${i} v`);
    const seen = new Set<string>();
    let cursor = '0';
    let n = 0;
    do {
      const reply = r(['SCAN', cursor, 'COUNT', '7']);
      const lines = reply.split('\r\n');
      cursor = lines[2];
      for (let i = 5; i < lines.length; i += 2) if (lines[i]) seen.add(lines[i]);
      r(`SET tmp${n} v`);
      if (n % 3 === 0) r(`DEL tmp${n - 1}`);
      n++;
    } while (cursor !== '0');
    for (let i = 0; i < 500; i++) expect(seen.has(`stay${i}`)).toBe(true);
  });
});
