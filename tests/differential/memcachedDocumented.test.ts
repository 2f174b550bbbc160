// The replies written down in tests/unit/memcached/documentedCases.ts are what
// the memcached on this machine answers: each case on a fresh server.
import { DOCUMENTED_CASES } from '../unit/memcached/documentedCases';
import { startMemcached, TextConnection } from './memcachedServer';
import { SENTINEL } from './memcachedWorkload';

describe('documented memcached rules vs real memcached', () => {
  it.each(DOCUMENTED_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const server = await startMemcached(['-m', '64', ...(c.server?.args ?? [])]);
    const conn = await TextConnection.open(server.port);
    try {
      for (const [i, [request, reply]] of c.steps(Math.floor(Date.now() / 1000)).entries()) {
        const real = (await conn.request(request, SENTINEL)).replace(/VERSION [^\r\n]*\r\n$/, '');
        expect(real, `step ${i}: ${JSON.stringify(request)}`).toBe(reply);
      }
    } finally {
      conn.close();
      await server.stop();
    }
  });
});
