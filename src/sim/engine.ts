import { EventHeap } from './heap';

/** A scheduled callback; runs with the engine's clock already at its time. */
export type Task = () => void;

/**
 * The discrete-event engine: one heap, one clock in integer nanoseconds.
 * `schedule` never accepts the past; cancelled ids are skipped when popped.
 */
export class Engine {
  /** Simulated now, integer nanoseconds since the start of the run. */
  nowNs = 0;
  /** Events executed so far. */
  executed = 0;
  private heap = new EventHeap<Task>();
  private seq = 0;
  private cancelled = new Set<number>();
  private stopped = false;
  private stopDeferred = false;
  /**
   * A stop() before this time is deferred to it: the learner's interventions
   * (a console command, a restart) must play out even after the story ends.
   */
  holdUntilNs = 0;

  /** Ends the run after the current event (or at holdUntilNs): what is still queued never happens. */
  stop(): void {
    if (this.nowNs >= this.holdUntilNs) {
      this.stopped = true;
    } else if (!this.stopDeferred) {
      this.stopDeferred = true;
      this.at(this.holdUntilNs, () => {
        this.stopped = true;
      });
    }
  }

  /** Runs `task` after `delayNs` (>= 0); returns an id for `cancel`. Lower priority runs first at equal times. */
  schedule(delayNs: number, task: Task, priority = 0): number {
    if (!(delayNs >= 0)) throw new RangeError(`cannot schedule ${delayNs} ns in the past`);
    const id = this.seq++;
    this.heap.push(this.nowNs + Math.round(delayNs), priority, id, task);
    return id;
  }

  /** Runs `task` at absolute time `tNs` (>= now). */
  at(tNs: number, task: Task, priority = 0): number {
    return this.schedule(tNs - this.nowNs, task, priority);
  }

  /** Cancels a scheduled task; a no-op when it already ran. */
  cancel(id: number): void {
    this.cancelled.add(id);
  }

  /**
   * Executes the next event due at or before `untilNs`; false when none is.
   * The bound is checked after skipping cancelled events: a cancelled one at
   * the bound must not let a later event run (and move the clock) past it.
   */
  step(untilNs = Infinity): boolean {
    const heap = this.heap;
    while (heap.size > 0) {
      const t = heap.peekTime();
      if (t > untilNs) return false;
      const id = heap.peekSeq();
      const task = heap.pop()!;
      if (this.cancelled.size > 0 && this.cancelled.delete(id)) continue;
      this.nowNs = t;
      this.executed++;
      task();
      return true;
    }
    return false;
  }

  /** Runs events up to and including `untilNs`, or until `maxEvents` ran; leaves the clock at `untilNs` when finite. */
  run(untilNs = Infinity, maxEvents = Infinity): void {
    let n = 0;
    while (
      !this.stopped &&
      n < maxEvents &&
      this.heap.size > 0 &&
      this.heap.peekTime() <= untilNs
    ) {
      if (this.step(untilNs)) n++;
    }
    if (!this.stopped && Number.isFinite(untilNs) && untilNs > this.nowNs && n < maxEvents)
      this.nowNs = untilNs;
  }
}
