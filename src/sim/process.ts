/**
 * SimPy-style processes: a generator yields operations and is resumed with
 * their results when the engine gets there. Handlers read like the lesson's
 * steps ("ask Redis; on a miss ask Postgres; then SET") and stay deterministic.
 */

/** An operation: starts something and calls `resume` (exactly once) with its result. */
export type Op = (resume: (value: unknown) => void) => void;

/** A process returning R. */
export type Proc<R = void> = Generator<Op, R, unknown>;

/** Runs a process to completion; `onDone` gets its return value. */
export function spawn<R>(proc: Proc<R>, onDone?: (result: R) => void): void {
  const advance = (value: unknown): void => {
    const r = proc.next(value);
    if (r.done) onDone?.(r.value);
    else r.value(advance);
  };
  advance(undefined);
}
