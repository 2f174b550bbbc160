// formatReply against real redis-cli: tests/fixtures/redisCli.json holds, for
// each case of tests/differential/redisCliCases.ts, redis-server 7.0's RESP
// reply and what `redis-cli --no-raw` printed for it (scripts/recordRedisCli.ts;
// tests/differential/redisCli.test.ts checks it against both again).
import { readFileSync } from 'node:fs';
import { formatReply, type Reply } from '../../../src/sim/redis';

const rows = JSON.parse(
  readFileSync(new URL('../../fixtures/redisCli.json', import.meta.url), 'utf8'),
) as { a: string[]; r: string; cli: string }[];

/** RESP2 text (bulk lengths in UTF-8 bytes) to a Reply. */
function toReply(text: string): Reply {
  const buf = Buffer.from(text, 'utf8');
  const go = (pos: number): [Reply, number] => {
    const nl = buf.indexOf('\r\n', pos);
    const head = buf.toString('utf8', pos + 1, nl);
    const n = Number(head);
    switch (String.fromCharCode(buf[pos])) {
      case '+':
        return [{ type: 'simple', value: head }, nl + 2];
      case '-':
        return [{ type: 'error', value: head }, nl + 2];
      case ':':
        return [{ type: 'integer', value: head }, nl + 2];
      case '$':
        if (n < 0) return [{ type: 'bulk', value: null }, nl + 2];
        return [{ type: 'bulk', value: buf.toString('utf8', nl + 2, nl + 2 + n) }, nl + 4 + n];
      default: {
        if (n < 0) return [{ type: 'array', value: null }, nl + 2];
        const out: Reply[] = [];
        let p = nl + 2;
        for (let i = 0; i < n; i++) {
          const [v, q] = go(p);
          out.push(v);
          p = q;
        }
        return [{ type: 'array', value: out }, p];
      }
    }
  };
  return go(0)[0];
}

it('has the recorded cases', () => {
  expect(rows.length).toBeGreaterThanOrEqual(20);
});

it.each(rows.map((row) => [row.a.join(' ').slice(0, 60), row] as const))(
  'prints %s like redis-cli --no-raw',
  (_name, row) => {
    expect(formatReply(toReply(row.r))).toBe(row.cli.replace(/\n$/, ''));
  },
);

it('prints the replies of one command one after another, and nothing while blocked', () => {
  // redis-cli prints SUBSCRIBE a b's two replies one after the other, each as
  // an array of its own (after its 'Reading messages...' banner).
  const sub = (ch: string, n: string): Reply => ({
    type: 'array',
    value: [
      { type: 'bulk', value: 'subscribe' },
      { type: 'bulk', value: ch },
      { type: 'integer', value: n },
    ],
  });
  const lines = (r: Reply) => formatReply(r).split('\n');
  expect(lines({ type: 'multi', replies: [sub('a', '1'), sub('b', '2')] })).toEqual([
    ...lines(sub('a', '1')),
    ...lines(sub('b', '2')),
  ]);
  expect(formatReply({ type: 'blocked' })).toBe('');
});
