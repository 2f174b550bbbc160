import { createMemcachedStore, type MemcachedStore } from '../../src/sim/memcached';
import { describeMismatches, type Mismatch } from '../unit/memcached/goldenFixture';
import { edgeScript } from './memcachedScripts';
import { startMemcached, TextConnection, type MemcachedProcess } from './memcachedServer';
import {
  memcachedWorkload,
  SENTINEL,
  WORKLOAD_ARGS,
  WORKLOAD_ITEM_SIZE_MAX,
} from './memcachedWorkload';

// The golden recording (npm run golden:record:memcached) is the first 3000
// requests of this same sequence at the default seed.
const REQUESTS = Number(process.env.MEMCACHED_DIFF_REQUESTS ?? 5000);
const SEED = Number(process.env.MEMCACHED_DIFF_SEED ?? 20240917);

let server: MemcachedProcess;
let conn: TextConnection;
let store: MemcachedStore;

beforeAll(async () => {
  server = await startMemcached(WORKLOAD_ARGS);
  conn = await TextConnection.open(server.port);
  store = createMemcachedStore({
    startedMs: server.startedMs,
    itemSizeMax: WORKLOAD_ITEM_SIZE_MAX,
  });
});

afterAll(async () => {
  conn?.close();
  await server?.stop();
});

/** Sends one request to both; the store sees exactly the bytes memcached sees. */
async function both(request: string): Promise<{ real: string; mine: string }> {
  const real = await conn.request(request, SENTINEL);
  const mine = store.exec(request + SENTINEL, { nowMs: Date.now() });
  return { real, mine };
}

describe('memcached store vs memcached 1.6.18', () => {
  it(`answers ${REQUESTS} seeded random requests byte for byte like memcached`, async () => {
    const mismatches: Mismatch[] = [];
    let errors = 0;
    const startSec = Math.floor(Date.now() / 1000);
    for await (const { step, request } of memcachedWorkload(conn, SEED, REQUESTS, startSec)) {
      const { real, mine } = await both(request);
      if (real !== mine) mismatches.push({ step, request, memcached: real, store: mine });
      if (/ERROR/.test(real)) errors++;
    }
    // The final contents agree too (cas uniques included).
    const keys = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'n1', 'n2', 'k'.repeat(250), 'tab\tkey'];
    const { real, mine } = await both(`gets ${keys.join(' ')}\r\n`);
    if (real !== mine)
      mismatches.push({ step: REQUESTS, request: 'gets …', memcached: real, store: mine });
    expect(
      mismatches.length,
      `${mismatches.length} mismatches:\n${describeMismatches(mismatches)}`,
    ).toBe(0);
    // The workload really exercised the error paths, not only happy ones.
    expect(errors).toBeGreaterThan(REQUESTS / 10);
  }, 180_000);

  it('agrees on scripted edge cases: errors, noreply, 30-day exptime rule, delayed flush_all', async () => {
    const now = Math.floor(Date.now() / 1000);
    const script = edgeScript(now);
    const mismatches: Mismatch[] = [];
    for (const [step, request] of script.entries()) {
      const { real, mine } = await both(request);
      if (real !== mine) mismatches.push({ step, request, memcached: real, store: mine });
    }
    expect(
      mismatches.length,
      `${mismatches.length} mismatches:\n${describeMismatches(mismatches)}`,
    ).toBe(0);
  });

  it('matches the item size limit of -I 2m (header, key, flags and cas counted)', async () => {
    const big = await startMemcached(['-I', '2m', '-m', '1024']);
    const c = await TextConnection.open(big.port);
    const s = createMemcachedStore({ itemSizeMax: 2 * 1024 * 1024, startedMs: big.startedMs });
    try {
      for (const [key, flags] of [
        ['a', 0],
        ['key:10', 0],
        ['key:10', 7],
      ] as const) {
        const fits = 2 * 1024 * 1024 - 60 - key.length - (flags ? 4 : 0) + 1;
        for (const n of [fits, fits + 1]) {
          const req = `set ${key} ${flags} 0 ${n}\r\n${'x'.repeat(n)}\r\n`;
          const real = await c.request(req, SENTINEL);
          expect(s.exec(req + SENTINEL, { nowMs: Date.now() })).toBe(real);
        }
      }
    } finally {
      c.close();
      await big.stop();
    }
  });
});
