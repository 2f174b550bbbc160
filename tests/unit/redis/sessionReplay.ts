// Replays a multi-client session recorded from real redis-server 7.0
// (tests/fixtures/sessions, see tests/differential/session.ts) on the model:
// each step at its recorded instant, on its client; a pause lets the model's
// clock (active expiry, blocking timeouts) reach the recorded time.
import { createRedisStore, encodeResp } from '../../../src/sim/redis';
import { loadSession, maskAofTimes } from '../../differential/session';

export function replaySession(name: string): {
  steps: number;
  mismatches: string[];
  /** With a recorded AOF: [redis-server's AOF commands, the model's propagation], PXAT times masked. */
  aof?: [string[][], string[][]];
} {
  const f = loadSession(name);
  const store = createRedisStore({ config: { save: '' } });
  const base = 1_700_000_000_000;
  const mismatches: string[] = [];
  for (const [i, s] of f.steps.entries()) {
    if (s.realOnly) continue;
    const nowMs = base + s.t;
    const out: Record<string, string> = {};
    if (s.a) {
      const reply = store.exec(s.a, { nowMs, client: s.c });
      const text = encodeResp(reply);
      if (text) out[s.c] = text;
    } else if (s.close) store.disconnect(s.c);
    else if (!s.lazy) store.tick(base + s.t + s.sleep!);
    for (const p of store.takePushes()) out[p.client] = (out[p.client] ?? '') + encodeResp(p.reply);
    const want = JSON.stringify(s.out, Object.keys(s.out).sort());
    const got = JSON.stringify(out, Object.keys(out).sort());
    if (want !== got) {
      mismatches.push(
        `#${i} ${s.c} ${JSON.stringify(s.a ?? s.sleep)}\n  redis: ${want}\n  model: ${got}`,
      );
    }
  }
  const mask = maskAofTimes;
  const aof = f.aof
    ? ([mask(f.aof), mask(store.takePropagated())] as [string[][], string[][]])
    : undefined;
  return { steps: f.steps.length, mismatches, aof };
}
