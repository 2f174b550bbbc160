import fc from 'fast-check';
import { sortedEntries, type SortedEntries } from '../../src/views/sortedEntries';

const collator = new Intl.Collator('en', { numeric: true });
const byKey = (a: string, b: string): number =>
  collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

const key = fc.constantFrom('k:1', 'k:2', 'k:10', 'K:1', '#aof', '#rdb', 'a', 'b', '01', '1', '7');

describe('sortedEntries', () => {
  it('after any series of sets and deletes equals a full sort of the map, and keeps each unchanged pair', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.tuple(key, fc.option(fc.integer({ min: 0, max: 3 }), { nil: null })), {
            maxLength: 6,
          }),
          {
            maxLength: 30,
          },
        ),
        (steps) => {
          let map: Record<string, number> = {};
          let prev: SortedEntries | undefined;
          for (const step of steps) {
            const next = { ...map };
            for (const [k, v] of step) {
              if (v === null) delete next[k];
              else next[k] = v;
            }
            const s = sortedEntries(next, prev, byKey);
            const want = Object.entries(next).sort(([a], [b]) => byKey(a, b));
            expect(s.keys).toEqual(want.map(([k]) => k));
            expect(s.user).toEqual(want.filter(([k]) => !k.startsWith('#')));
            expect(s.internal).toEqual(want.filter(([k]) => k.startsWith('#')));
            for (const [k, v] of Object.entries(next)) {
              if (prev?.rows.has(k) && map[k] === v) expect(s.rows.get(k)).toBe(prev.rows.get(k));
            }
            map = next;
            prev = s;
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives back the previous result when nothing changed', () => {
    const a = sortedEntries({ x: 1, y: 2 }, undefined, byKey);
    expect(sortedEntries({ y: 2, x: 1 }, a, byKey)).toBe(a);
  });
});
