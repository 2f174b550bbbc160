// npm run sessions:record: plays each multi-client script of
// tests/differential/sessions.ts against a fresh real redis-server 7.0 and
// writes tests/fixtures/sessions/<name>.json. Only redis-server answers here.
// Usage: npx tsx scripts/recordSessions.ts [name ...]
import { mkdirSync } from 'node:fs';
import { requireRedisServer, startRedis } from '../tests/differential/redisServer';
import {
  AOF_SESSIONS,
  playSession,
  readIncrAof,
  sessionServerArgs,
  writeSession,
} from '../tests/differential/session';
import { SESSIONS, type SessionName } from '../tests/differential/sessions';

const version = /v=(\S+)/.exec(requireRedisServer())?.[1] ?? '?';
if (!version.startsWith('7.0.')) throw new Error(`redis-server ${version}: sessions need 7.0`);
mkdirSync(new URL('../tests/fixtures/sessions/', import.meta.url), { recursive: true });

const names = (process.argv.slice(2) as SessionName[]).filter((n) => n in SESSIONS);
for (const name of names.length > 0 ? names : (Object.keys(SESSIONS) as SessionName[])) {
  const server = await startRedis(sessionServerArgs(name));
  try {
    const steps = await playSession(server.port, SESSIONS[name]);
    const aof = AOF_SESSIONS.has(name) ? readIncrAof(server.dir) : undefined;
    writeSession({ name, redis: version, steps, aof });
    console.log(`${name}: ${steps.length} steps`);
  } finally {
    await server.stop();
  }
}
