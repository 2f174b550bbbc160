// The redis-cli recording (tests/fixtures/redisCli.json, the oracle of
// tests/unit/redis/formatReplyCli.test.ts) against a live redis-server 7.0 and
// redis-cli: same cases, same RESP replies, same printed text.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CASES, SETUP } from './redisCliCases';
import { useRedis } from './useRedis';

const redis = useRedis();

it('redis-server and redis-cli --no-raw still answer the recorded cases', async () => {
  const rows = JSON.parse(
    readFileSync(new URL('../fixtures/redisCli.json', import.meta.url), 'utf8'),
  ) as { a: string[]; r: string; cli: string }[];
  expect(
    rows.map((row) => row.a),
    'recording out of date: npm run cli:record',
  ).toEqual(CASES);
  const { conn, server } = redis;
  await conn.command(['FLUSHALL']);
  for (const argv of SETUP) await conn.command(argv);
  for (const row of rows) {
    expect(await conn.command(row.a), row.a.join(' ')).toBe(row.r);
    const cli = spawnSync('redis-cli', ['-p', String(server.port), '--no-raw', ...row.a], {
      encoding: 'utf8',
    });
    expect(cli.stdout, row.a.join(' ')).toBe(row.cli);
  }
}, 60_000);
