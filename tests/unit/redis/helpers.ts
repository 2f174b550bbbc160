import { createRedisStore, encodeResp, type RedisStore } from '../../../src/sim/redis';

/** A store plus a one-line runner: `r('SET k v')` returns the RESP text. */
export function harness(nowMs = 1_000_000): {
  store: RedisStore;
  r: (line: string | string[], client?: string) => string;
  at: (ms: number) => void;
} {
  const store = createRedisStore();
  let now = nowMs;
  return {
    store,
    r: (line, client) =>
      encodeResp(store.exec(Array.isArray(line) ? line : line.split(' '), { nowMs: now, client })),
    at: (ms) => {
      now = ms;
    },
  };
}
