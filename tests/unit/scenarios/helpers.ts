import type { Trace, TraceEntry } from '../../../src/sim';

/** Narration beats seen when stepping through every frame, in order of change. */
export function beatsAcrossFrames(trace: Trace): string[] {
  const seen: string[] = [];
  for (let i = 0; i < trace.frames.length; i++) {
    const n = trace.stateAtFrame(i).narration;
    if (n && seen[seen.length - 1] !== n.text) seen.push(n.text);
  }
  return seen;
}

/** Every narrate entry with its index in `trace.entries` (for reading the state at that moment). */
export function narrations(
  trace: Trace,
): (Extract<TraceEntry, { k: 'narrate' }> & { index: number })[] {
  return trace.entries.flatMap((e, index) => (e.k === 'narrate' ? [{ ...e, index }] : []));
}
