// npm run cli:record: runs tests/differential/redisCliCases.ts on a fresh real
// redis-server 7.0 and writes tests/fixtures/redisCli.json: for each case the
// RESP reply and what `redis-cli --no-raw` printed for it. Only redis-server
// and redis-cli answer here. tests/differential/redisCli.test.ts checks the
// recording against them again; tests/unit/redis/formatReplyCli.test.ts checks
// formatReply against the recording.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { CASES, SETUP } from '../tests/differential/redisCliCases';
import { RespConnection, startRedis } from '../tests/differential/redisServer';

const server = await startRedis();
const conn = await RespConnection.open(server.port);
try {
  await conn.command(['FLUSHALL']);
  for (const argv of SETUP) await conn.command(argv);
  const rows: { a: string[]; r: string; cli: string }[] = [];
  for (const a of CASES) {
    const r = await conn.command(a);
    const cli = spawnSync('redis-cli', ['-p', String(server.port), '--no-raw', ...a], {
      encoding: 'utf8',
    }).stdout;
    rows.push({ a, r, cli });
  }
  const body = rows.map((row) => JSON.stringify(row)).join(',\n');
  writeFileSync(new URL('../tests/fixtures/redisCli.json', import.meta.url), `[\n${body}\n]\n`);
  console.log(`redisCli: ${rows.length} cases`);
} finally {
  conn.close();
  await server.stop();
}
