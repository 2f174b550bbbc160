import fc from 'fast-check';
import { EventHeap } from '../../../src/sim/heap';

type Op = { push: [number, number] } | { pop: true };

describe('EventHeap', () => {
  it('pops in (time, priority, sequence) order, like a sorted list, through any mix of pushes and pops', () => {
    // Reference: an array kept sorted by a plain comparison.
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({
        push: fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: -2, max: 2 })),
      }),
      fc.constant({ pop: true as const }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const heap = new EventHeap<number>();
        const ref: { t: number; p: number; s: number }[] = [];
        let seq = 0;
        for (const o of ops) {
          if ('push' in o) {
            const [t, p] = o.push;
            heap.push(t, p, seq, seq);
            ref.push({ t, p, s: seq });
            ref.sort((a, b) => a.t - b.t || a.p - b.p || a.s - b.s);
            seq++;
          } else {
            expect(heap.peekTime()).toBe(ref.length ? ref[0].t : Infinity);
            if (ref.length) expect(heap.peekSeq()).toBe(ref[0].s);
            expect(heap.pop()).toBe(ref.shift()?.s);
          }
          expect(heap.size).toBe(ref.length);
        }
        const rest: number[] = [];
        while (heap.size) rest.push(heap.pop()!);
        expect(rest).toEqual(ref.map((r) => r.s));
      }),
      { numRuns: 150 },
    );
  });

  it('is empty at first: size 0, no time, nothing to pop', () => {
    const heap = new EventHeap<string>();
    expect(heap.size).toBe(0);
    expect(heap.peekTime()).toBe(Infinity);
    expect(heap.pop()).toBeUndefined();
    heap.push(3, 0, 0, 'x');
    expect(heap.peekTime()).toBe(3);
    expect(heap.pop()).toBe('x');
    expect(heap.size).toBe(0);
    expect(heap.pop()).toBeUndefined();
  });

  it('a lower priority wins at equal times even when pushed later; time beats priority', () => {
    const heap = new EventHeap<string>();
    heap.push(5, 1, 0, 'late-high');
    heap.push(5, -1, 1, 'late-low');
    heap.push(4, 9, 2, 'early');
    heap.push(5, 1, 3, 'later-high');
    expect([heap.pop(), heap.pop(), heap.pop(), heap.pop()]).toEqual([
      'early',
      'late-low',
      'late-high',
      'later-high',
    ]);
  });
});
