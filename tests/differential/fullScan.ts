import { parseResp } from './redisServer';

/**
 * SCAN or HSCAN to the end on one side (its own cursors); the sorted set of
 * what came back, or the raw reply when a call did not answer with an array.
 */
export async function fullScan(
  send: (argv: string[]) => Promise<string>,
  head: string[],
  opts: string[],
  pairs: boolean,
): Promise<string[] | string> {
  const seen = new Set<string>();
  let cursor = '0';
  for (let calls = 0; calls < 10_000; calls++) {
    const raw = await send([...head, cursor, ...opts]);
    const v = parseResp(raw);
    if (!Array.isArray(v)) return raw;
    const [next, items] = v as [string, string[]];
    for (let i = 0; i < items.length; i += pairs ? 2 : 1) {
      seen.add(pairs ? JSON.stringify([items[i], items[i + 1]]) : items[i]);
    }
    cursor = next;
    if (cursor === '0') break;
  }
  return [...seen].sort();
}
