// The seeded memcached workload, driven the same way by the live differential
// test and by the golden recorder (scripts/recordGoldenMemcached.ts): the
// generator reads the current cas and value of a key from real memcached
// (one `gets` of the whole key pool before each request), never from the model.
import { McGen, PEEK_KEYS } from './memcachedGenerator';
import type { TextConnection } from './memcachedServer';

/**
 * The workload's server: -m 1024 so memcached never evicts (the model has no
 * LRU); -I 4k so the generator's requests at the item size limit are 4 KB, not
 * 1 MB (the recorded replay stays fast); slab_chunk_max must not exceed -I.
 */
export const WORKLOAD_ARGS = ['-m', '1024', '-I', '4k', '-o', 'slab_chunk_max=2048'];
export const WORKLOAD_ITEM_SIZE_MAX = 4 * 1024;

/** Sent after every request: its reply proves the request was read whole and nothing else came. */
export const SENTINEL = 'version\r\n';

export interface PeekedItem {
  cas: number;
  value: string;
}

/** Parses a `gets` reply (VALUE <key> <flags> <bytes> <cas>, data, ... END) by byte counts. */
export function parseGets(reply: string): Map<string, PeekedItem> {
  const buf = Buffer.from(reply, 'utf8');
  const out = new Map<string, PeekedItem>();
  let pos = 0;
  for (;;) {
    const nl = buf.indexOf('\r\n', pos);
    if (nl < 0) throw new Error(`unterminated gets reply: ${JSON.stringify(reply.slice(0, 200))}`);
    const line = buf.subarray(pos, nl).toString('utf8');
    pos = nl + 2;
    if (line === 'END') return out;
    const m = /^VALUE (.+) (\d+) (\d+) (\d+)$/s.exec(line);
    if (!m) throw new Error(`unexpected gets line: ${JSON.stringify(line.slice(0, 200))}`);
    const n = Number(m[3]);
    out.set(m[1], { cas: Number(m[4]), value: buf.subarray(pos, pos + n).toString('utf8') });
    pos += n + 2;
  }
}

/** Every key of the pool the generator may look up, with their live cas and value. */
export async function peekAll(conn: TextConnection): Promise<Map<string, PeekedItem>> {
  const reply = await conn.request(`gets ${PEEK_KEYS.join(' ')}\r\n`, SENTINEL);
  return parseGets(reply.replace(/VERSION [^\r\n]*\r\n$/, ''));
}

export interface WorkloadStep {
  step: number;
  request: string;
}

/**
 * Yields `requests` requests of the workload seeded `seed`, each chosen after
 * peeking at `conn`'s memcached; the caller sends it (to that same server)
 * before asking for the next. `startSec` is the base of absolute exptimes.
 */
export async function* memcachedWorkload(
  conn: TextConnection,
  seed: number,
  requests: number,
  startSec: number,
): AsyncGenerator<WorkloadStep> {
  const gen = new McGen(seed, startSec, WORKLOAD_ITEM_SIZE_MAX);
  for (let step = 0; step < requests; step++) {
    const items = await peekAll(conn);
    yield { step, request: gen.request((key) => items.get(key)) };
  }
}
