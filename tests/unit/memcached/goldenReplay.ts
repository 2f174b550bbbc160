import { createMemcachedStore } from '../../../src/sim/memcached';
import { unpack, type GoldenRecording, type Mismatch } from './goldenFixture';

/** The model's options for a recording's server (its -I, start time and version). */
export function modelOptions(g: GoldenRecording) {
  const i = g.args.indexOf('-I');
  const m = i < 0 ? null : /^(\d+)([km])$/.exec(g.args[i + 1]);
  if (i >= 0 && !m) throw new Error(`unreadable -I ${g.args[i + 1]}`);
  const itemSizeMax = m ? Number(m[1]) * (m[2] === 'k' ? 1024 : 1024 * 1024) : undefined;
  return { itemSizeMax, startedMs: g.startedMs, version: g.memcached.replace(/^memcached /, '') };
}

/**
 * Replays a recording against a fresh model, each request at its recorded
 * time, and returns the steps whose bytes differ from memcached's.
 */
export function replayOnModel(g: GoldenRecording): Mismatch[] {
  const store = createMemcachedStore(modelOptions(g));
  const out: Mismatch[] = [];
  for (const [step, s] of g.steps.entries()) {
    const request = unpack(s.req);
    const memcached = unpack(s.rep);
    const mine = store.exec(request + g.sentinel, { nowMs: g.startedMs + s.t });
    if (mine !== memcached) out.push({ step, request, memcached, store: mine });
  }
  return out;
}
