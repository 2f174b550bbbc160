import type { Trace, TraceState } from '../sim';

/** One narration beat: its lesson step (if any) and its text. */
export interface Beat {
  beat: string;
  text: string;
  step?: string;
}

const NONE: Beat[] = [];
const memo = new WeakMap<Trace, WeakMap<object, Beat[]>>();

/**
 * Every narration beat told at the same instant as the current one, in order.
 * Beats that share an instant share a frame, so without this all but the last
 * would never be seen. Pure; the same narration object of a trace gives the
 * same array, so a view fed by it does not redraw while the beat stays.
 */
export function beatsAt(trace: Trace, narration: TraceState['narration']): Beat[] {
  if (!narration) return NONE;
  let byBeat = memo.get(trace);
  if (!byBeat) memo.set(trace, (byBeat = new WeakMap()));
  let hit = byBeat.get(narration);
  if (!hit) byBeat.set(narration, (hit = collect(trace, narration)));
  return hit;
}

function collect(trace: Trace, narration: NonNullable<TraceState['narration']>): Beat[] {
  const out: Beat[] = [];
  for (let i = trace.lastIndexAtOrBefore(narration.t); i >= 0; i--) {
    const e = trace.entries[i];
    if (e.t !== narration.t) break;
    if (e.k === 'narrate') out.unshift({ beat: e.beat, text: e.text, step: e.step });
  }
  return out.length ? out : [{ beat: narration.beat, text: narration.text, step: narration.step }];
}
