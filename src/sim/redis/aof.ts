import { formatDouble } from './double';
import { encodeCommand } from './resp';
import type { Entry } from './types';

/** AOF_REWRITE_ITEMS_PER_CMD: rewrites split big collections into 64-item commands. */
const ITEMS_PER_CMD = 64;

function batched(head: string[], items: string[], per: number): string {
  let out = '';
  for (let i = 0; i < items.length; i += per) {
    out += encodeCommand([...head, ...items.slice(i, i + per)]);
  }
  return out;
}

/**
 * A compact AOF of a dataset, the way rewriteAppendOnlyFileRio writes one
 * (without the RDB preamble): SELECT 0, one command per key (batched), then
 * PEXPIREAT for keys with a TTL. Already-expired keys are left out.
 */
export function rewriteAof(
  data: ReadonlyMap<string, Entry>,
  expireOf: (key: string) => bigint | null,
  nowMs: number,
): string {
  let out = encodeCommand(['SELECT', '0']);
  for (const [key, entry] of data) {
    const when = expireOf(key);
    if (when !== null && when < BigInt(nowMs)) continue;
    switch (entry.type) {
      case 'string':
        out += encodeCommand(['SET', key, entry.value]);
        break;
      case 'list':
        out += batched(['RPUSH', key], entry.value, ITEMS_PER_CMD);
        break;
      case 'set':
        out += batched(['SADD', key], [...entry.value], ITEMS_PER_CMD);
        break;
      case 'zset': {
        const items: string[] = [];
        const z = entry.value;
        for (let i = 0; i < z.size; i++) items.push(formatDouble(z.values[i]), z.members[i]);
        out += batched(['ZADD', key], items, ITEMS_PER_CMD * 2);
        break;
      }
      case 'hash': {
        const items: string[] = [];
        for (const [f, v] of entry.value) items.push(f, v);
        out += batched(['HMSET', key], items, ITEMS_PER_CMD * 2);
        break;
      }
    }
    if (when !== null) out += encodeCommand(['PEXPIREAT', key, String(when)]);
  }
  return out;
}
