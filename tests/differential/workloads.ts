// The seeded workloads of commands.test.ts, commandsA.test.ts and
// commandsB.test.ts and the hand-picked edges, written once: the live tests
// (model against redis-server) and the golden recorder (redis-server alone)
// drive the same sequence through a Target. No step depends on a reply, so a
// workload is a pure function of its seed, base second and size.
import { EDGES_A } from './edgesA';
import { EDGES_B } from './edgesB';
import { EDGES_C } from './edgesC';
import { Gen } from './generator';
import { GenA, RANDOM_REPLY as RANDOM_A } from './generatorA';
import { BLOCKING, GenB, RANDOM_REPLY as RANDOM_B } from './generatorB';

/** Where a workload's steps go. */
export interface Target {
  /** One command; `inMulti` when it is queued inside MULTI. */
  step(argv: string[], inMulti: boolean): Promise<void>;
  /** A whole SCAN (head ['SCAN']) or HSCAN (head ['HSCAN', key]) iteration. */
  scan(head: string[], opts: string[], pairs: boolean): Promise<void>;
}

export type WorkloadName = 'commands' | 'commandsA' | 'commandsB' | 'edgesA' | 'edgesB' | 'edgesC';

/** Drives `size` steps (at least) plus the final dataset checks; returns the step count. */
export type Drive = (seed: number, baseSec: number, size: number, t: Target) => Promise<number>;

const KEYS = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8'];

/** Kept out of MULTI blocks: their order or timing inside EXEC cannot be normalized. */
const NOT_IN_MULTI = new Set(['TTL', 'PTTL', 'SMEMBERS', 'SINTER', 'KEYS', 'FLUSHALL']);
/** Kept out of MULTI: random, read off a clock, or in hash-table order. */
const NOT_IN_MULTI_A = new Set([
  ...RANDOM_A,
  'EXPIRETIME',
  'PEXPIRETIME',
  'OBJECT',
  'HKEYS',
  'HVALS',
  'HGETALL',
  'PUBSUB',
]);
/** Kept out of MULTI blocks: replies in hash order or drawn at random. */
const NOT_IN_MULTI_B = new Set([...RANDOM_B, 'SMEMBERS', 'SINTER', 'SUNION', 'SDIFF']);

function counting(t: Target): Target & { readonly n: number } {
  let n = 0;
  return {
    get n() {
      return n;
    },
    step: async (argv, inMulti) => {
      await t.step(argv, inMulti);
      n++;
    },
    scan: async (head, opts, pairs) => {
      await t.scan(head, opts, pairs);
      n++;
    },
  };
}

const driveCommands: Drive = async (seed, baseSec, size, target) => {
  const gen = new Gen(seed, baseSec);
  const t = counting(target);
  await t.step(['FLUSHALL'], false);
  while (t.n < size) {
    if (gen.chance(0.05)) {
      await t.step(['MULTI'], false);
      const n = gen.int(5);
      for (let i = 0; i < n; i++) {
        let argv = gen.command(true);
        while (NOT_IN_MULTI.has(argv[0].toUpperCase())) argv = gen.command(true);
        await t.step(argv, true);
        if (gen.chance(0.05)) await t.step(['MULTI'], true);
      }
      await t.step([gen.chance(0.85) ? 'EXEC' : 'DISCARD'], false);
    } else if (gen.chance(0.01)) {
      await t.step([gen.pick(['EXEC', 'DISCARD'])], false);
    } else {
      await t.step(gen.command(), false);
    }
  }
  // The final dataset must agree too.
  for (const key of KEYS) {
    await t.step(['TYPE', key], false);
    await t.step(['PTTL', key], false);
  }
  await t.step(['DBSIZE'], false);
  return t.n;
};

const driveA: Drive = async (seed, baseSec, size, target) => {
  const gen = new GenA(seed, baseSec);
  const t = counting(target);
  await t.step(['FLUSHALL'], false);
  while (t.n < size) {
    if (gen.chance(0.03)) {
      const opts: string[] = [];
      if (gen.chance(0.5)) opts.push('COUNT', gen.pick(['1', '2', '5', '100']));
      if (gen.chance(0.3)) opts.push('MATCH', gen.pick(['k*', 'k[1-4]', '*', 'f*', '?', 'h?']));
      const hash = gen.chance(0.5);
      if (!hash && gen.chance(0.3))
        opts.push('TYPE', gen.pick(['string', 'hash', 'list', 'set', 'zset', 'none']));
      await t.scan(hash ? ['HSCAN', gen.famKey('h')] : ['SCAN'], opts, hash);
    } else if (gen.chance(0.05)) {
      await t.step(['MULTI'], false);
      const n = gen.int(5);
      for (let i = 0; i < n; i++) {
        let argv = gen.command(true);
        while (NOT_IN_MULTI_A.has(argv[0].toUpperCase())) argv = gen.command(true);
        await t.step(argv, true);
      }
      await t.step([gen.chance(0.85) ? 'EXEC' : 'DISCARD'], false);
    } else {
      await t.step(gen.command(), false);
    }
  }
  for (const key of [...KEYS, 'h1', 'h2', 's1', 's2']) {
    await t.step(['TYPE', key], false);
    await t.step(['OBJECT', 'ENCODING', key], false);
  }
  await t.step(['DBSIZE'], false);
  return t.n;
};

const driveB: Drive = async (seed, baseSec, size, target) => {
  const gen = new GenB(seed, baseSec);
  const t = counting(target);
  await t.step(['FLUSHALL'], false);
  while (t.n < size) {
    if (gen.chance(0.05)) {
      await t.step(['MULTI'], false);
      for (let i = gen.int(5); i > 0; i--) {
        let argv = gen.commandB(true);
        while (NOT_IN_MULTI_B.has(argv[0].toUpperCase())) argv = gen.commandB(true);
        await t.step(argv, true);
      }
      await t.step([gen.chance(0.9) ? 'EXEC' : 'DISCARD'], false);
    } else {
      let argv = gen.commandB();
      // Outside MULTI a blocking command may only wait briefly: keep them rarer.
      while (BLOCKING.has(argv[0].toUpperCase()) && gen.chance(0.5)) argv = gen.commandB();
      await t.step(argv, false);
    }
  }
  for (const key of KEYS) {
    await t.step(['TYPE', key], false);
    await t.step(['LRANGE', key, '0', '-1'], false);
    await t.step(['SMEMBERS', key], false);
    await t.step(['ZRANGE', key, '0', '-1', 'WITHSCORES'], false);
  }
  await t.step(['DBSIZE'], false);
  return t.n;
};

/** The hand-picked edge cases, in order on a flushed server (seed, base and size unused). */
const driveEdgesA: Drive = async (_seed, _baseSec, _size, target) => {
  const t = counting(target);
  for (const argv of [['FLUSHALL'], ...EDGES_A]) await t.step(argv, false);
  return t.n;
};

/** The hand-picked string, float, encoding and CONFIG edge cases (edgesB.ts), likewise. */
const driveEdgesB: Drive = async (_seed, _baseSec, _size, target) => {
  const t = counting(target);
  for (const argv of [['FLUSHALL'], ...EDGES_B]) await t.step(argv, false);
  return t.n;
};

/** The collection, keyspace and glob edge cases (edgesC.ts), in order on a flushed server. */
const driveEdgesC: Drive = async (_seed, _baseSec, _size, target) => {
  const t = counting(target);
  await t.step(['FLUSHALL'], false);
  for (const s of EDGES_C) {
    if (Array.isArray(s)) await t.step(s, false);
    else await t.scan(s.scan, s.opts, s.pairs);
  }
  return t.n;
};

export const DRIVES: Record<WorkloadName, Drive> = {
  commands: driveCommands,
  commandsA: driveA,
  commandsB: driveB,
  edgesA: driveEdgesA,
  edgesB: driveEdgesB,
  edgesC: driveEdgesC,
};
