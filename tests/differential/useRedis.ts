import { afterAll, beforeAll } from 'vitest';
import { RespConnection, startRedis, type RedisProcess } from './redisServer';

/**
 * For the tests of the calling file: a throwaway redis-server (started with
 * `args`, startRedis's defaults if none) and one connection to it, opened
 * before them and closed after. Read `.server` and `.conn` inside the tests.
 */
export function useRedis(args?: string[]): {
  readonly server: RedisProcess;
  readonly conn: RespConnection;
} {
  const live = {} as { server: RedisProcess; conn: RespConnection };
  beforeAll(async () => {
    live.server = await startRedis(args);
    live.conn = await RespConnection.open(live.server.port);
  });
  afterAll(async () => {
    live.conn?.close();
    await live.server?.stop();
  });
  return live;
}
