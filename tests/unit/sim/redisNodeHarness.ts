import {
  Actor,
  fixed,
  RedisNode,
  World,
  type Packet,
  type Proc,
  type Reply,
} from '../../../src/sim';
import type { PersistEvent, RedisDiskTimings } from '../../../src/sim/nodes/redis';

export const US = 1_000;
export const MS = 1_000_000;
export const SEC = 1_000_000_000;

/** A reply as the client saw it, with the simulated time it arrived. */
export interface Seen {
  argv: string[];
  reply: Reply;
  atNs: number;
}

/**
 * One Redis node (1 µs per command) and one client 10 µs away, so a command
 * sent at t runs at t + 11 µs and its reply lands at t + 21 µs unless
 * something (an fsync, a fork, loading) holds it.
 */
export function redisWorld(
  config: Record<string, string>,
  extra: { disk?: Partial<RedisDiskTimings>; keyspaceSummary?: boolean } = {},
) {
  const w = new World(5);
  const redis = w.add(new RedisNode(w, 'redis', { commandCostNs: 1000, config, ...extra }));
  const app = w.add(new Actor(w, 'app', 'webServer'));
  w.link('app', 'redis', fixed(10 * US));
  const seen: Seen[] = [];
  const events: { atNs: number; e: PersistEvent }[] = [];
  redis.onPersist = (e) => events.push({ atNs: w.nowNs, e });
  const cmd = (atNs: number, argv: string[], then?: (r: Reply) => void, conn?: string) =>
    w.engine.at(atNs, () =>
      app.run(
        (function* (): Proc<void> {
          const reply = yield* app.redis('redis', argv, conn);
          seen.push({ argv, reply, atNs: w.nowNs });
          then?.(reply);
        })(),
      ),
    );
  const pipe = (atNs: number, cmds: string[][], then?: (r: Reply[]) => void) =>
    w.engine.at(atNs, () =>
      app.run(
        (function* (): Proc<void> {
          const replies = yield* app.pipeline('redis', cmds);
          replies.forEach((reply, i) => seen.push({ argv: cmds[i], reply, atNs: w.nowNs }));
          then?.(replies);
        })(),
      ),
    );
  const at = (atNs: number, fn: () => void) => w.engine.at(atNs, fn);
  /** A key's value in the running store (null: absent). */
  const value = (key: string) => redis.store.keyView(key, redis.nowMs)?.value ?? null;
  const replyTo = (name: string) => seen.find((s) => s.argv.join(' ') === name);
  const count = (kind: PersistEvent['kind']) => events.filter((x) => x.e.kind === kind).length;
  /** The packets Redis sent, in order. */
  const sent = (): Packet[] =>
    w.entries.flatMap((e) => (e.k === 'send' && e.p.from === 'redis' ? [e.p] : []));
  /** The last recorded value of one of the node's data items. */
  const lastData = (key: string) => {
    for (let i = w.entries.length - 1; i >= 0; i--) {
      const e = w.entries[i];
      if (e.k === 'data' && e.node === 'redis' && e.key === key) return e.value;
    }
    return undefined;
  };
  return { w, redis, app, seen, events, cmd, pipe, at, value, replyTo, count, sent, lastData };
}
