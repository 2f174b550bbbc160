import type { Trace } from '../sim';

/** What a frame holds, for the timeline's ticks: a narration beat, a mark (intervention), or events. */
export type FrameKind = 'narrate' | 'mark' | 'event';

const cache = new WeakMap<Trace, FrameKind[]>();

/** The kind of every frame of a trace (a mark wins over a beat). Cached per trace; pure. */
export function frameKinds(trace: Trace): FrameKind[] {
  const hit = cache.get(trace);
  if (hit) return hit;
  const kinds: FrameKind[] = [];
  let from = 0;
  for (const f of trace.frames) {
    let kind: FrameKind = 'event';
    for (let i = from; i <= f.index; i++) {
      const k = trace.entries[i].k;
      if (k === 'mark') kind = 'mark';
      else if (k === 'narrate' && kind === 'event') kind = 'narrate';
    }
    kinds.push(kind);
    from = f.index + 1;
  }
  cache.set(trace, kinds);
  return kinds;
}
