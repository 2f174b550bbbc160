// `npm run golden:record:memcached`: records what real memcached answers to
// the seeded workload and the scripted edge cases, for the model's unit tests
// (tests/unit/memcached) to replay in-process. Real memcached only: the
// workload peeks at the real server to choose cas values and deltas.
import { writeFileSync } from 'node:fs';
import {
  memcachedWorkload,
  SENTINEL,
  WORKLOAD_ARGS,
} from '../tests/differential/memcachedWorkload';
import { edgeScript, itemSizeScript } from '../tests/differential/memcachedScripts';
import {
  requireMemcached,
  startMemcached,
  TextConnection,
} from '../tests/differential/memcachedServer';
import {
  formatGolden,
  GOLDEN_DIR,
  pack,
  type GoldenRecording,
  type GoldenStep,
} from '../tests/unit/memcached/goldenFixture';

/** The workload's seed and length: long enough to reach every command's error paths, small enough for a fixture under 0.7 MB. */
export const GOLDEN_SEED = 20240917;
export const GOLDEN_REQUESTS = 3000;
/** memcached's defaults, but for no eviction (the model has no LRU). */
const DEFAULT_ARGS = ['-m', '1024'];

async function record(
  name: string,
  args: string[],
  seed: number,
  requests: (conn: TextConnection, startSec: number) => AsyncIterable<string> | Iterable<string>,
): Promise<void> {
  const version = requireMemcached();
  const server = await startMemcached(args);
  const conn = await TextConnection.open(server.port);
  const startSec = Math.floor(Date.now() / 1000);
  const steps: GoldenStep[] = [];
  try {
    for await (const req of requests(conn, startSec)) {
      const rep = await conn.request(req, SENTINEL);
      const t = Date.now() - server.startedMs;
      if (rep.includes('\uFFFD') || rep.endsWith('<timeout>'))
        throw new Error(`${name}: reply not valid UTF-8 or timed out: ${JSON.stringify(req)}`);
      steps.push({ t, req: pack(req), rep: pack(rep) });
    }
  } finally {
    conn.close();
    await server.stop();
  }
  const last = steps[steps.length - 1]?.t ?? 0;
  // After 60 s an access refreshes an item's time, which the peeks (not recorded) would do.
  if (last > 55_000) throw new Error(`${name}: recording took ${last} ms, over 55 s`);
  const out: GoldenRecording = {
    memcached: version,
    args,
    seed,
    startedMs: server.startedMs,
    startSec,
    sentinel: SENTINEL,
    steps,
  };
  const file = new URL(name, GOLDEN_DIR);
  const text = formatGolden(out);
  writeFileSync(file, text);
  console.log(`${name}: ${steps.length} steps, ${text.length} bytes, ${last} ms (${version})`);
}

async function* workload(conn: TextConnection, startSec: number): AsyncIterable<string> {
  for await (const { request } of memcachedWorkload(conn, GOLDEN_SEED, GOLDEN_REQUESTS, startSec))
    yield request;
}

await record('workload.jsonl', WORKLOAD_ARGS, GOLDEN_SEED, workload);
await record('edges.jsonl', DEFAULT_ARGS, 0, (_c, now) => edgeScript(now));
await record('itemSize.jsonl', DEFAULT_ARGS, 0, () => itemSizeScript());
