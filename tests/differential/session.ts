// Multi-client sessions: a script of commands sent on several RESP connections
// (a step names its client), played against redis-server by
// scripts/recordSessions.ts into tests/fixtures/sessions/<name>.json: for each
// step, every connection's bytes that arrived (the sender's reply and the
// pushes: messages, served or timed-out blocking pops). The model replays the
// same script in tests/unit/redis/sessions*.test.ts;
// tests/differential/sessions.test.ts plays it on a live server again.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommands } from '../../src/sim/redis';
import { RespConnection } from './redisServer';

export interface SessionStep {
  /** Client id (one connection each). */
  c: string;
  /** The command; absent for a pause. */
  a?: string[];
  /** Pause this many ms (the server's cron may time out blocked clients). */
  sleep?: number;
  /** The command blocks (or is empty): no reply, nothing is read after it. */
  blocks?: boolean;
  /** Close this client's connection (the model: RedisStore.disconnect). */
  close?: boolean;
  /** Only for redis-server (DEBUG SET-ACTIVE-EXPIRE): the model skips the step. */
  realOnly?: boolean;
  /** A pause the model spends without a cron tick (active expiry is off on the server). */
  lazy?: boolean;
}

/** How the session servers start: DEBUG allowed on loopback, nothing saved. */
export const SESSION_SERVER_ARGS = [
  '--save',
  '',
  '--appendonly',
  'no',
  '--enable-debug-command',
  'local',
];

export interface SessionRecord extends SessionStep {
  /** Milliseconds since the session started, when the step was sent. */
  t: number;
  /** Bytes each connection received after the step (absent: nothing). */
  out: Record<string, string>;
}

export interface SessionFixture {
  name: string;
  redis: string;
  steps: SessionRecord[];
  /** For the sessions of AOF_SESSIONS: the commands of the server's AOF at the end. */
  aof?: string[][];
}

/** The sessions recorded with appendonly yes, whose AOF (propagation) is compared too. */
export const AOF_SESSIONS = new Set(['blocking', 'pubsub', 'transactions']);

/** Server arguments for a session: AOF on (fsync always) for AOF_SESSIONS. */
export function sessionServerArgs(name: string): string[] {
  if (!AOF_SESSIONS.has(name)) return SESSION_SERVER_ARGS;
  return [
    ...SESSION_SERVER_ARGS.slice(0, 2),
    '--appendonly',
    'yes',
    '--appendfsync',
    'always',
    ...SESSION_SERVER_ARGS.slice(4),
  ];
}

/** AOF commands with their absolute PXAT times masked (the clocks of two runs differ). */
export function maskAofTimes(cmds: string[][]): string[][] {
  return cmds.map((c) => c.map((a, i) => (i > 0 && c[i - 1].toUpperCase() === 'PXAT' ? 'T' : a)));
}

/** The commands of the incremental AOF file of a 7.0 server (multi-part AOF). */
export function readIncrAof(dir: string): string[][] {
  const sub = join(dir, 'appendonlydir');
  const incr = readdirSync(sub).find((f) => f.endsWith('.incr.aof'))!;
  return parseCommands(readFileSync(join(sub, incr), 'utf8')).commands;
}

const DIR = new URL('../fixtures/sessions/', import.meta.url);

export function loadSession(name: string): SessionFixture {
  return JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')) as SessionFixture;
}

export function writeSession(f: SessionFixture): void {
  const body = f.steps.map((s) => JSON.stringify(s)).join(',\n');
  const aof = f.aof ? `,"aof":[\n${f.aof.map((c) => JSON.stringify(c)).join(',\n')}\n]` : '';
  const text = `{"name":${JSON.stringify(f.name)},"redis":${JSON.stringify(f.redis)},"steps":[\n${body}\n]${aof}}\n`;
  writeFileSync(new URL(`${f.name}.json`, DIR), text);
}

/**
 * Plays `steps` on the server at `port`. With `expected` (a recording), each
 * connection waits long for the bytes it should get, then briefly for more;
 * without, it waits briefly (recording on a quiet machine).
 */
export async function playSession(
  port: number,
  steps: SessionStep[],
  expected?: SessionRecord[],
): Promise<SessionRecord[]> {
  const conns = new Map<string, RespConnection>();
  const t0 = Date.now();
  const out: SessionRecord[] = [];
  try {
    for (const [i, step] of steps.entries()) {
      let conn = conns.get(step.c);
      if (!conn) {
        conn = await RespConnection.open(port);
        conns.set(step.c, conn);
      }
      const rec: SessionRecord = { ...step, t: Date.now() - t0, out: {} };
      if (step.a) conn.send(step.a);
      else if (step.close) {
        conn.close();
        conns.delete(step.c);
      }
      // A pause, or time for the server to see the connection go.
      if (!step.a) await new Promise((r) => setTimeout(r, step.sleep ?? 100));
      // A command that blocks sends nothing to anyone: what comes next (a
      // timeout) is read at the next step. Otherwise the sender's reply comes
      // first; what the same command sent to others was written in the same
      // event-loop turn, so it is read after it (idle windows: 100 ms when
      // recording, 30 ms when the recording says what to expect).
      const drain = async (id: string, cn: RespConnection): Promise<string> => {
        const want = expected?.[i].out[id] ?? '';
        const replyDue = id === step.c && step.a !== undefined && !step.blocks;
        let got = '';
        for (;;) {
          const first = got.length < want.length || (got === '' && replyDue && !expected);
          const f = await cn.next(first ? 10_000 : expected ? 30 : 100);
          if (f === null) return got;
          got += f;
        }
      };
      const drained: (readonly [string, string])[] = [];
      if (!step.blocks) {
        const sender = conns.get(step.c);
        if (sender) drained.push([step.c, await drain(step.c, sender)]);
        const others = [...conns].filter(([id]) => id !== step.c);
        for (const d of await Promise.all(
          others.map(async ([id, cn]) => [id, await drain(id, cn)] as const),
        ))
          drained.push(d);
      }
      for (const [id, got] of drained) if (got) rec.out[id] = got;
      if (step.a?.[0]?.toUpperCase() === 'QUIT') {
        conn.close();
        conns.delete(step.c);
      }
      out.push(rec);
    }
  } finally {
    for (const c of conns.values()) c.close();
  }
  return out;
}
