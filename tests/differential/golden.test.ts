// The golden recordings (tests/fixtures/golden, npm run golden:record) must
// still be what redis-server 7.0 answers: each one is played again on a fresh
// server, at the recorded pace, and compared with the live tests' own rules.
// A stale recording (a generator or workload changed) or a hand-edited reply
// fails here.
//
// Time: every command is sent no earlier than its recorded offset from a new
// base second (the recording's base plus `shift` whole seconds, so the
// sub-second phase is the recorded one), and the arguments that are absolute
// times (step.x) move by `shift`. Replies that read a clock (TTL, PTTL,
// EXPIRETIME, PEXPIRETIME, OBJECT IDLETIME) may then differ from the recording
// by the comparators' tolerance plus the most this replay ran behind its
// schedule (measured, reported on failure). Nothing else in the workloads
// depends on milliseconds: valid TTLs are 100 s or more, past deadlines are far
// in the past, and blocking timeouts simply run again.
import type { KeyView } from '../../src/sim/redis';
import { sameReply, TTL_TOLERANCE } from './compare';
import { sameReplyA, TOLERANCE } from './compareA';
import { readBefore, readLeft, sameReplyB } from './compareB';
import { fullScan } from './fullScan';
import { GOLDEN, loadGolden, shiftArgv, type GoldenFixture } from './goldenFixture';
import { parseResp, RespConnection } from './redisServer';
import { useRedis } from './useRedis';
import { DRIVES } from './workloads';

const redis = useRedis();

/** The ms one unit of each clock-reading reply stands for. */
const CLOCK_UNIT: Record<string, number> = {
  TTL: 1000,
  PTTL: 1,
  EXPIRETIME: 1000,
  PEXPIRETIME: 1,
  OBJECT: 1000, // IDLETIME only
};
const CLOCK_TOLERANCE: Record<string, number> = { ...TTL_TOLERANCE, ...TOLERANCE };

function int(raw: string): bigint | null {
  const v = parseResp(raw);
  return v && typeof v === 'object' && 'int' in v ? BigInt(v.int) : null;
}

/** The recorded argv sequence is still what the workload's driver produces. */
async function currentSequence(f: GoldenFixture): Promise<string | null> {
  const now: string[] = [];
  await DRIVES[f.workload](f.seed, f.baseSec, f.size, {
    step: (argv) => Promise.resolve(void now.push(JSON.stringify(argv))),
    scan: (head, opts, pairs) =>
      Promise.resolve(void now.push(JSON.stringify([head, opts, pairs]))),
  });
  const recorded = f.steps.map((s) => JSON.stringify(s.scan ?? s.a));
  const i = now.findIndex((x, j) => x !== recorded[j]);
  if (i < 0 && now.length === recorded.length) return null;
  const at = i < 0 ? Math.min(now.length, recorded.length) : i;
  return `step ${at}: driver ${now[at] ?? '(end)'}, recording ${recorded[at] ?? '(end)'}`;
}

/** RANDOMKEY / HRANDFIELD are checked against the live dataset (read after: they change nothing). */
async function liveData(
  send: (argv: string[]) => Promise<string>,
  argv: string[],
): Promise<{ keys: string[]; view: KeyView | null }> {
  const name = argv[0].toUpperCase();
  if (name === 'RANDOMKEY')
    return { keys: parseResp(await send(['KEYS', '*'])) as string[], view: null };
  if (name !== 'HRANDFIELD' || argv.length < 2) return { keys: [], view: null };
  if (parseResp(await send(['TYPE', argv[1]])) !== 'hash') return { keys: [], view: null };
  const flat = parseResp(await send(['HGETALL', argv[1]])) as string[];
  const value: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) value[flat[i]] = flat[i + 1];
  return { keys: [], view: { type: 'hash', value, expiresAtMs: null } };
}

async function replay(f: GoldenFixture, conn: RespConnection): Promise<string[]> {
  const send = (argv: string[]) => conn.command(argv);
  const bad: string[] = [];
  const base = Math.ceil((Date.now() - f.steps[0].t) / 1000);
  const shift = base - f.baseSec;
  let maxLag = 0;
  for (const [i, s] of f.steps.entries()) {
    const due = base * 1000 + s.t;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    maxLag = Math.max(maxLag, Date.now() - due);
    const fail = (argv: unknown, live: string, note = '') =>
      bad.push(
        `#${i} ${JSON.stringify(argv)}${note}\n  recorded: ${JSON.stringify(s.r)}\n  live:     ${JSON.stringify(live)} (replay up to ${maxLag} ms behind)`,
      );
    if (s.scan) {
      const live = JSON.stringify(await fullScan(send, ...s.scan));
      if (live !== s.r) fail(s.scan, live);
      continue;
    }
    const argv = shiftArgv(s, shift);
    const name = argv[0].toUpperCase();
    const pre = s.pre ? await readBefore(send, argv[1]) : undefined;
    if (pre && JSON.stringify([...pre].sort()) !== JSON.stringify(s.pre!.slice().sort())) {
      fail(argv, JSON.stringify([...pre]), ` (content before: recorded ${JSON.stringify(s.pre)})`);
    }
    const live = await send(argv);
    const data = await liveData(send, argv);
    // A reply that is an absolute time moves with the base (a constant deadline does not).
    const recorded = [s.r];
    const at = int(s.r);
    if (at !== null && at > 0n && name.endsWith('EXPIRETIME')) {
      recorded.push(`:${at + BigInt(shift * (name === 'EXPIRETIME' ? 1 : 1000))}\r\n`);
    }
    const same = recorded.some((r) => {
      if (f.workload === 'commands') return sameReply(argv, live, r);
      if (f.workload === 'commandsB') return sameReplyB(argv, live, r, pre);
      return sameReplyA(
        argv,
        live,
        r,
        () => data.view,
        () => data.keys,
      );
    });
    const lagOk = recorded.some((r) => {
      const a = int(r);
      const b = int(live);
      const unit =
        name === 'OBJECT' && argv[1]?.toUpperCase() !== 'IDLETIME' ? 0 : CLOCK_UNIT[name];
      if (a === null || b === null || !unit) return false;
      const d = a > b ? a - b : b - a;
      return d <= BigInt(CLOCK_TOLERANCE[name] + Math.ceil(maxLag / unit));
    });
    if (!same && !lagOk) fail(argv, live);
    if (s.left) {
      const left = await readLeft(send, argv[1]);
      if (left?.length !== s.left.length) fail(argv, JSON.stringify(left), ' (left after the pop)');
      // The pop was random on both runs: go on from what the recording kept.
      await send(['DEL', argv[1]]);
      if (s.left.length > 0) await send(['SADD', argv[1], ...s.left]);
    }
  }
  return bad;
}

describe('golden recordings vs redis-server 7.0', () => {
  for (const g of GOLDEN) {
    it(`redis-server still answers the ${g.workload} recording`, async () => {
      const f = loadGolden(g.workload);
      expect({ seed: f.seed, size: f.size }).toEqual({ seed: g.seed, size: g.size });
      expect(await currentSequence(f), 'recording out of date: npm run golden:record').toBeNull();
      const conn = await RespConnection.open(redis.server.port);
      try {
        const info = await conn.command(['INFO', 'server']);
        const version = /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
        expect(version.split('.').slice(0, 2)).toEqual(f.redis.split('.').slice(0, 2));
        const bad = await replay(f, conn);
        expect(bad.length, `${bad.length} replies differ:\n${bad.slice(0, 8).join('\n')}`).toBe(0);
      } finally {
        conn.close();
      }
    }, 60_000);
  }
});
