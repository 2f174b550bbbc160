import fc from 'fast-check';
import { Engine } from '../../../src/sim/engine';

describe('Engine', () => {
  it('should never run an event before the time it was scheduled for, and time never goes back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(1_000_000), fc.nat(3)), { minLength: 1, maxLength: 200 }),
        (plan) => {
          const e = new Engine();
          const ran: { due: number; at: number }[] = [];
          for (const [delay, nested] of plan) {
            const due = delay;
            e.schedule(delay, () => {
              ran.push({ due, at: e.nowNs });
              if (nested) {
                const due2 = e.nowNs + nested * 7;
                e.schedule(nested * 7, () => ran.push({ due: due2, at: e.nowNs }));
              }
            });
          }
          e.run();
          for (let i = 0; i < ran.length; i++) {
            expect(ran[i].at).toBe(ran[i].due);
            if (i > 0) expect(ran[i].at).toBeGreaterThanOrEqual(ran[i - 1].at);
          }
          expect(ran.length).toBe(plan.length + plan.filter(([, n]) => n > 0).length);
        },
      ),
    );
  });

  it('should run events at equal times first-in first-out', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(5), { minLength: 1, maxLength: 300 }), (times) => {
        const e = new Engine();
        const order: number[] = [];
        times.forEach((t, i) => e.schedule(t * 10, () => order.push(i)));
        e.run();
        const expected = times
          .map((t, i) => ({ t, i }))
          .sort((a, b) => a.t - b.t || a.i - b.i)
          .map((x) => x.i);
        expect(order).toEqual(expected);
      }),
    );
  });

  it('should order equal times by priority before insertion order', () => {
    const e = new Engine();
    const order: string[] = [];
    e.schedule(5, () => order.push('a'), 1);
    e.schedule(5, () => order.push('b'), -1);
    e.schedule(5, () => order.push('c'), 1);
    e.run();
    expect(order).toEqual(['b', 'a', 'c']);
  });

  it('schedule() refuses the past', () => {
    const e = new Engine();
    expect(() => e.schedule(-1, () => {})).toThrow(RangeError);
  });

  it('cancel() skips a pending event and leaves the others', () => {
    const e = new Engine();
    const ran: string[] = [];
    const a = e.schedule(10, () => ran.push('a'));
    e.schedule(20, () => ran.push('b'));
    e.cancel(a);
    e.run();
    expect(ran).toEqual(['b']);
    expect(e.executed).toBe(1);
  });

  it('run(until) stops at the bound and leaves the clock there', () => {
    const e = new Engine();
    const ran: number[] = [];
    [5, 10, 15].forEach((t) => e.schedule(t, () => ran.push(t)));
    e.run(10);
    expect(ran).toEqual([5, 10]);
    expect(e.nowNs).toBe(10);
    e.run();
    expect(ran).toEqual([5, 10, 15]);
  });

  it('stop() ends the run after the current event, leaving later events unrun', () => {
    const e = new Engine();
    const ran: number[] = [];
    e.schedule(5, () => ran.push(5));
    e.schedule(10, () => {
      ran.push(10);
      e.stop();
    });
    e.schedule(10, () => ran.push(11));
    e.schedule(20, () => ran.push(20));
    e.run();
    expect(ran).toEqual([5, 10]);
    expect(e.nowNs).toBe(10);
  });
});

describe('Engine.holdUntilNs', () => {
  it('stop() before holdUntilNs is deferred to it; events until then still run', () => {
    const e = new Engine();
    e.holdUntilNs = 100;
    const ran: number[] = [];
    e.schedule(10, () => e.stop());
    e.schedule(50, () => ran.push(50));
    e.schedule(200, () => ran.push(200));
    e.run();
    expect(ran).toEqual([50]);
    expect(e.nowNs).toBe(100);
  });
});
