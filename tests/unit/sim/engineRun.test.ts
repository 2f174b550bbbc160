import fc from 'fast-check';
import { Engine } from '../../../src/sim/engine';

describe('Engine.run bounds and cancels', () => {
  it('run(until, maxEvents) runs what a sorted list says, in order, and leaves the clock where the contract says', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { maxLength: 30 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 40 }),
        (plan, until, max) => {
          const e = new Engine();
          const ran: number[] = [];
          const ids = plan.map(([t], i) => e.schedule(t, () => ran.push(i)));
          plan.forEach(([, cancel], i) => cancel && e.cancel(ids[i]));
          e.run(until, max);
          // Reference: due events (not cancelled, at or before `until`) by time then insertion, first `max`.
          const due = plan
            .map(([t, cancel], i) => ({ t, cancel, i }))
            .filter((x) => !x.cancel && x.t <= until)
            .sort((a, b) => a.t - b.t || a.i - b.i)
            .slice(0, max);
          expect(ran).toEqual(due.map((x) => x.i));
          expect(e.executed).toBe(due.length);
          const hitMax = due.length === max && max > 0 ? true : max === 0;
          const lastT = due.length ? due[due.length - 1].t : 0;
          expect(e.nowNs).toBe(hitMax ? lastT : until);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a cancelled event at the bound does not let a later one run past run(until)', () => {
    const e = new Engine();
    const ran: number[] = [];
    e.cancel(e.schedule(10, () => ran.push(10)));
    e.schedule(20, () => ran.push(20));
    e.run(10);
    expect(ran).toEqual([]);
    expect(e.nowNs).toBe(10);
    e.run();
    expect(ran).toEqual([20]);
  });

  it('at() takes an absolute time; schedule() rounds a fractional delay', () => {
    const e = new Engine();
    const ran: string[] = [];
    e.schedule(10, () => {
      e.at(25, () => ran.push(`at@${e.nowNs}`));
      e.schedule(2.6, () => ran.push(`sched@${e.nowNs}`));
    });
    e.run();
    expect(ran).toEqual(['sched@13', 'at@25']);
    expect(() => e.at(24, () => {})).toThrow(RangeError);
    expect(() => e.schedule(NaN, () => {})).toThrow('cannot schedule NaN ns in the past');
    expect(e.schedule(0, () => {})).toBe(3); // a refused schedule takes no id
  });

  it('at() passes its priority on: lower runs first at equal times, whatever the order added', () => {
    const e = new Engine();
    const ran: string[] = [];
    e.at(5, () => ran.push('late'), 2);
    e.at(5, () => ran.push('early'), -1);
    e.run();
    expect(ran).toEqual(['early', 'late']);
    expect(e.nowNs).toBe(5);
  });

  it('step() runs one event and reports whether any was left', () => {
    const e = new Engine();
    const ran: number[] = [];
    const a = e.schedule(1, () => ran.push(1));
    e.schedule(2, () => ran.push(2));
    e.cancel(a);
    expect(e.step()).toBe(true);
    expect(ran).toEqual([2]);
    expect(e.nowNs).toBe(2);
    expect(e.step()).toBe(false);
    // Cancelling an event that already ran changes nothing later.
    e.cancel(a);
    e.schedule(0, () => ran.push(3));
    e.run();
    expect(ran).toEqual([2, 3]);
  });

  it('run() after stop() runs nothing more; run(until) with nothing due still moves the clock', () => {
    const e = new Engine();
    e.run(500);
    expect(e.nowNs).toBe(500);
    e.run(100); // time never goes back
    expect(e.nowNs).toBe(500);
    const ran: number[] = [];
    e.schedule(0, () => e.stop());
    e.schedule(10, () => ran.push(10));
    e.run();
    e.run(10_000);
    expect(ran).toEqual([]);
    expect(e.nowNs).toBe(500);
  });

  it('a stop() at or after holdUntilNs stops at once; a second early stop() schedules nothing more', () => {
    const e = new Engine();
    e.holdUntilNs = 100;
    const ran: number[] = [];
    e.schedule(10, () => e.stop());
    e.schedule(20, () => e.stop());
    e.schedule(100, () => ran.push(100), 1); // after the deferred stop at 100 (priority 0)
    e.run();
    expect(ran).toEqual([]);
    expect(e.executed).toBe(3);
    const f = new Engine();
    f.holdUntilNs = 100;
    f.schedule(100, () => f.stop());
    f.schedule(100, () => ran.push(1));
    f.run();
    expect(ran).toEqual([]);
  });
});
