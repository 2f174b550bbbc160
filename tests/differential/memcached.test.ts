import { createMemcachedStore, type MemcachedStore } from '../../src/sim/memcached';
import { McGen } from './memcachedGenerator';
import { startMemcached, TextConnection, type MemcachedProcess } from './memcachedServer';

const REQUESTS = Number(process.env.MEMCACHED_DIFF_REQUESTS ?? 5000);
const SEED = Number(process.env.MEMCACHED_DIFF_SEED ?? 20240917);
/** Sent after every request: its reply proves the request was read whole and nothing else came. */
const SENTINEL = 'version\r\n';

let server: MemcachedProcess;
let conn: TextConnection;
let store: MemcachedStore;

beforeAll(async () => {
  // -m 1024: room enough that memcached never evicts (the model has no LRU).
  server = await startMemcached(['-m', '1024']);
  conn = await TextConnection.open(server.port);
  store = createMemcachedStore({ startedMs: server.startedMs });
});

afterAll(async () => {
  conn?.close();
  await server?.stop();
});

interface Mismatch {
  step: number;
  request: string;
  memcached: string;
  store: string;
}

/** Sends one request to both; the store sees exactly the bytes memcached sees. */
async function both(request: string): Promise<{ real: string; mine: string }> {
  const real = await conn.request(request, SENTINEL);
  const mine = store.exec(request + SENTINEL, { nowMs: Date.now() });
  return { real, mine };
}

/** Each mismatch around its first differing byte (replies can be a megabyte long). */
function report(ms: Mismatch[]): string {
  const around = (s: string, at: number) => JSON.stringify(s.slice(Math.max(0, at - 80), at + 120));
  return ms
    .slice(0, 30)
    .map((m) => {
      let at = 0;
      while (at < m.memcached.length && m.memcached[at] === m.store[at]) at++;
      return `#${m.step} ${JSON.stringify(m.request.slice(0, 200))} (differs at byte ${at})\n  memcached: ${around(m.memcached, at)}\n  store:     ${around(m.store, at)}`;
    })
    .join('\n');
}

describe('memcached store vs memcached 1.6.18', () => {
  it(`answers ${REQUESTS} seeded random requests byte for byte like memcached`, async () => {
    const gen = new McGen(SEED, Math.floor(Date.now() / 1000));
    const peek = (key: string) => store.items(Date.now()).find((i) => i.key === key);
    const mismatches: Mismatch[] = [];
    let errors = 0;
    for (let step = 0; step < REQUESTS; step++) {
      const request = gen.request(peek);
      const { real, mine } = await both(request);
      if (real !== mine) mismatches.push({ step, request, memcached: real, store: mine });
      if (/ERROR/.test(real)) errors++;
    }
    // The final contents agree too (cas uniques included).
    const keys = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'n1', 'n2', 'k'.repeat(250), 'tab\tkey'];
    const { real, mine } = await both(`gets ${keys.join(' ')}\r\n`);
    if (real !== mine)
      mismatches.push({ step: REQUESTS, request: 'gets …', memcached: real, store: mine });
    expect(mismatches.length, `${mismatches.length} mismatches:\n${report(mismatches)}`).toBe(0);
    // The workload really exercised the error paths, not only happy ones.
    expect(errors).toBeGreaterThan(REQUESTS / 10);
  }, 180_000);

  it('agrees on scripted edge cases: errors, noreply, 30-day exptime rule, delayed flush_all', async () => {
    const now = Math.floor(Date.now() / 1000);
    const script = [
      'flush_all\r\n',
      'set e:a 0 0 3\r\nabc\r\nset e:a 0 0 3\r\nabcd\r\n',
      'set e:b 0 0 5\r\nabc\r\nxy\r\n',
      'set e:c 0 0 -1\r\nabc\r\n',
      'set e:c 0 0 noreply\r\nabc\r\n',
      'set e:d 0 0 1 noreply\r\nxy\r\n',
      `set e:rel 0 ${60 * 60 * 24 * 30} 1\r\nr\r\nset e:abs1970 0 ${60 * 60 * 24 * 30 + 1} 1\r\nr\r\n`,
      `set e:past 0 ${now - 100} 1\r\np\r\nset e:future 0 ${now + 1000} 1\r\nf\r\nset e:neg 0 -1 1\r\nn\r\n`,
      'get e:rel e:abs1970 e:past e:future e:neg\r\n',
      'set e:n 0 0 3\r\n100\r\ndecr e:n 1\r\ngets e:n\r\nincr e:n 18446744073709551615\r\nget e:n\r\ndecr e:n 1000\r\nget e:n\r\n',
      'set e:m 0 0 2\r\n10\r\nincr e:m 18446744073709551615\r\nget e:m\r\nincr e:m 18446744073709551607\r\n',
      'incr e:a 1\r\nincr e:zz 1\r\nincr e:a -1\r\n',
      'gets e:n\r\ncas e:n 0 0 1 1\r\nx\r\ncas e:n 0 0 1 0\r\nx\r\ncas e:gone 0 0 1 5\r\nx\r\n',
      'delete e:n 0\r\ndelete e:n 1\r\ndelete e:n noreply\r\ndelete\r\n',
      // A delay that has not come yet flushes nothing; one that acts now does.
      'set e:f 0 0 1\r\nf\r\nflush_all 100000\r\nget e:f\r\nflush_all 0\r\nget e:f\r\n',
      `set e:g 0 0 1\r\ng\r\nflush_all ${now - 5}\r\nget e:g\r\nset e:h 0 0 1\r\nh\r\ngets e:h\r\n`,
      'flush_all abc\r\nflush_all 1 2 3\r\nflush_all -1 noreply\r\nverbosity 1\r\nverbosity\r\nversion\r\n',
      `get e:a ${'k'.repeat(251)} e:a\r\nget ${'a '.repeat(30)}\r\n`,
      'touch e:future 1000\r\ngat 0 e:future e:none\r\ngats x e:future\r\n',
    ];
    const mismatches: Mismatch[] = [];
    for (const [step, request] of script.entries()) {
      const { real, mine } = await both(request);
      if (real !== mine) mismatches.push({ step, request, memcached: real, store: mine });
    }
    expect(mismatches.length, `${mismatches.length} mismatches:\n${report(mismatches)}`).toBe(0);
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
