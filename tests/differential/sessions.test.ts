// The multi-client session recordings (tests/fixtures/sessions) against a live
// redis-server 7.0: the script must still be the one recorded and the server
// must still answer it byte for byte, so a stale recording fails here.
import { requireRedisServer, startRedis } from './redisServer';
import { loadSession, maskAofTimes, playSession, readIncrAof, sessionServerArgs } from './session';
import { SESSIONS, type SessionName } from './sessions';

describe('recorded multi-client sessions vs a live redis-server 7.0', () => {
  for (const name of Object.keys(SESSIONS) as SessionName[]) {
    it(`${name}: the recording matches the script and the server`, async () => {
      const f = loadSession(name);
      const version = /v=(\S+)/.exec(requireRedisServer())?.[1] ?? '?';
      expect(version.startsWith('7.0.'), version).toBe(true);
      expect(f.steps.map((s) => ({ ...s, t: undefined, out: undefined }))).toEqual(
        SESSIONS[name].map((s) => ({ ...s, t: undefined, out: undefined })),
      );
      const server = await startRedis(sessionServerArgs(name));
      try {
        const live = await playSession(server.port, SESSIONS[name], f.steps);
        for (const [i, s] of f.steps.entries()) {
          expect(live[i].out, `#${i} ${s.c} ${JSON.stringify(s.a ?? s.sleep)}`).toEqual(s.out);
        }
        if (f.aof) expect(maskAofTimes(readIncrAof(server.dir))).toEqual(maskAofTimes(f.aof));
      } finally {
        await server.stop();
      }
    }, 120_000);
  }
});
