import type { RedisStore } from '../../src/sim/redis';
import { parseResp, type RespConnection, type RespValue } from './redisServer';

/** A key's content as read back from redis-server, in a comparable form. */
export interface KeyDump {
  type: string;
  value: RespValue;
  hasTtl: boolean;
}

const sortedPairs = (v: RespValue): RespValue => {
  if (!Array.isArray(v)) return v;
  const pairs: string[] = [];
  for (let i = 0; i < v.length; i += 2) pairs.push(JSON.stringify([v[i], v[i + 1]]));
  return pairs.sort();
};

/** Reads every key of a live redis-server with the type's read command. */
export async function dumpRedis(conn: RespConnection): Promise<Map<string, KeyDump>> {
  const keys = parseResp(await conn.command(['KEYS', '*'])) as string[];
  const out = new Map<string, KeyDump>();
  for (const key of keys.sort()) {
    const type = parseResp(await conn.command(['TYPE', key])) as string;
    let value: RespValue;
    if (type === 'string') value = parseResp(await conn.command(['GET', key]));
    else if (type === 'list') value = parseResp(await conn.command(['LRANGE', key, '0', '-1']));
    else if (type === 'set')
      value = (parseResp(await conn.command(['SMEMBERS', key])) as string[]).sort();
    else if (type === 'zset')
      value = parseResp(await conn.command(['ZRANGE', key, '0', '-1', 'WITHSCORES']));
    else value = sortedPairs(parseResp(await conn.command(['HGETALL', key])));
    const pttl = parseResp(await conn.command(['PTTL', key])) as { int: string };
    out.set(key, { type, value, hasTtl: pttl.int !== '-1' });
  }
  return out;
}

/** The same view of the store, read through its own commands. */
export function dumpStore(store: RedisStore, nowMs: number): Map<string, KeyDump> {
  const ex = (argv: string[]) => {
    const r = store.exec(argv, { nowMs, client: 'dump' });
    return r;
  };
  const toValue = (argv: string[]): RespValue => {
    const r = ex(argv);
    if (r.type === 'bulk') return r.value;
    if (r.type === 'array' && r.value)
      return r.value.map((x) => (x.type === 'bulk' ? x.value : null));
    return null;
  };
  const out = new Map<string, KeyDump>();
  for (const key of store.keys().sort()) {
    const t = ex(['TYPE', key]);
    const type = t.type === 'simple' ? t.value : 'none';
    if (type === 'none') continue;
    let value: RespValue;
    if (type === 'string') value = toValue(['GET', key]);
    else if (type === 'list') value = toValue(['LRANGE', key, '0', '-1']);
    else if (type === 'set') value = (toValue(['SMEMBERS', key]) as string[]).sort();
    else if (type === 'zset') value = toValue(['ZRANGE', key, '0', '-1', 'WITHSCORES']);
    else value = sortedPairs(toValue(['HGETALL', key]));
    const pttl = ex(['PTTL', key]);
    out.set(key, { type, value, hasTtl: pttl.type === 'integer' && pttl.value !== '-1' });
  }
  return out;
}
