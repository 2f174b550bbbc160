import fc from 'fast-check';
import { runScenario } from '../../../src/scenarios';
import { exchanges } from '../../../src/scenarios/measure';
import type { Trace } from '../../../src/sim';
import type { Reply } from '../../../src/sim/redis';
import { narrationProblems } from './narrationCheck';

const ID = 'persistence-rdb-vs-aof';

interface Node {
  acked: number;
  recovered: number;
  lost: number;
  lostWindowMs: number;
  recoveryMs: number;
}
interface Outcome {
  rdb: Node & { lastSnapshotAtMs: number | null; lastSnapshotForkAtMs: number | null };
  aofEverysec: Node;
  aofAlways: Node;
  aofNo: Node;
}

const run = (params: Record<string, unknown>, seed = 1) =>
  runScenario(ID, { params, seed }).outcome as unknown as Outcome;

/**
 * Every +OK the app got for a SET, with the instant Redis sent it: the app
 * pipelines its writes, so one reply packet carries the OKs of a whole batch.
 */
function oks(trace: Trace, node: string): { key: string; sentNs: number }[] {
  const out: { key: string; sentNs: number }[] = [];
  for (const x of exchanges(trace, { from: 'app', to: node })) {
    const cmds = (x.req.payload as { pipeline?: string[][] }).pipeline ?? [];
    const replies = (x.reply?.payload as { replies?: Reply[] } | undefined)?.replies ?? [];
    cmds.forEach((argv, i) => {
      if (argv[0] === 'SET' && replies[i]?.type === 'simple' && x.reply)
        out.push({ key: argv[1], sentNs: x.reply.sentNs });
    });
  }
  return out;
}

describe('runScenario("persistence-rdb-vs-aof")', () => {
  it('power loss at defaults: always loses nothing, everysec about a second, RDB since its snapshot', () => {
    const o = run({});
    expect(o.aofAlways.acked).toBeGreaterThan(1000);
    expect(o.aofAlways.lost).toBe(0);
    expect(o.aofEverysec.lost).toBeGreaterThan(0);
    expect(o.aofEverysec.lostWindowMs).toBeLessThanOrEqual(1000);
    expect(o.rdb.lastSnapshotAtMs).not.toBeNull();
    expect(o.rdb.lost).toBeGreaterThan(o.aofEverysec.lost);
    expect(o.aofEverysec.recoveryMs).toBeGreaterThan(o.rdb.recoveryMs);
  });

  it('holds the power-loss truths at every crash moment', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 1500 }).map((x) => x / 10),
        fc.integer({ min: 1, max: 10 }),
        fc.constantFrom(5, 10, 30, 60),
        fc.integer({ min: 1, max: 200 }).map((x) => x / 10),
        fc.integer({ min: 0, max: 1e6 }),
        (crashAtSec, writesPerSec, snapshotEverySec, fsyncMs, seed) => {
          const { trace, outcome } = runScenario(ID, {
            params: {
              crashAtSec,
              writesPerSec,
              snapshotEverySec,
              fsyncMs,
              crashKind: 'power-loss',
            },
            seed,
          });
          const o = outcome as unknown as Outcome;
          expect(o.aofAlways.lost).toBe(0);
          expect(o.aofEverysec.lostWindowMs).toBeLessThanOrEqual(2000);
          for (const n of [o.rdb, o.aofEverysec, o.aofAlways, o.aofNo]) {
            expect(n.recovered + n.lost).toBe(n.acked);
          }
          // RDB loses exactly the acknowledged writes after the last completed snapshot's fork,
          // counted here from the +OK replies themselves.
          const forkNs =
            o.rdb.lastSnapshotForkAtMs === null
              ? -Infinity
              : Math.round(o.rdb.lastSnapshotForkAtMs * 1e6);
          const acks = oks(trace, 'rdb').filter((a) => a.sentNs <= crashAtSec * 1e9);
          expect(o.rdb.acked).toBe(acks.length);
          expect(o.rdb.lost).toBe(acks.filter((a) => a.sentNs > forkNs).length);
          // For the same data (always holds every acked write, a superset of the snapshot),
          // replaying the AOF takes longer than loading the RDB.
          if (o.aofAlways.recovered > 0)
            expect(o.aofAlways.recoveryMs).toBeGreaterThan(o.rdb.recoveryMs);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('process kill: the OS keeps written bytes, so every AOF keeps everything; RDB still loses', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 2000 }).map((x) => x / 10),
        (crashAtSec) => {
          const o = run({
            crashAtSec,
            crashKind: 'process-kill',
            snapshotEverySec: 60,
            writesPerSec: 5,
          });
          expect(o.aofAlways.lost).toBe(0);
          expect(o.aofEverysec.lost).toBe(0);
          expect(o.aofNo.lost).toBe(0);
          if (o.rdb.acked > 0 && crashAtSec % 60 > 1) expect(o.rdb.lost).toBeGreaterThan(0);
        },
      ),
      { numRuns: 10 },
    );
  });

  it('keeps every narration rule over seeds, crash moments and crash kinds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 1500 }).map((x) => x / 10),
        fc.constantFrom('power-loss', 'process-kill'),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom(5, 30, 60),
        fc.integer({ min: 0, max: 1e6 }),
        (crashAtSec, crashKind, writesPerSec, snapshotEverySec, seed) => {
          const r = runScenario(ID, {
            params: { crashAtSec, crashKind, writesPerSec, snapshotEverySec },
            seed,
          });
          expect(narrationProblems(ID, r)).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('stays within about 300 frames at defaults (frames are beats, not writes)', () => {
    const { trace } = runScenario(ID, {});
    expect(trace.frames.length).toBeLessThanOrEqual(330);
  });

  it('batching changes the outcome by at most a batch at each boundary', () => {
    // One write per packet (batchSec 0.05 at these rates) against the default 2 s pipelines:
    // acks come at batch ends, so each count may move by the writes of one batch where a
    // boundary (the fork or fsync that made them durable, the crash) falls inside a batch.
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 900 }).map((x) => x / 10),
        fc.integer({ min: 1, max: 10 }),
        fc.constantFrom(10, 30),
        fc.constantFrom('power-loss', 'process-kill'),
        (crashAtSec, writesPerSec, snapshotEverySec, crashKind) => {
          const params = { crashAtSec, writesPerSec, snapshotEverySec, crashKind };
          const fine = run({ ...params, batchSec: 0.05 });
          const coarse = run({ ...params, batchSec: 2 });
          const batch = writesPerSec * 2;
          for (const k of ['rdb', 'aofEverysec', 'aofAlways', 'aofNo'] as const) {
            expect(Math.abs(fine[k].acked - coarse[k].acked)).toBeLessThanOrEqual(batch);
            expect(Math.abs(fine[k].lost - coarse[k].lost)).toBeLessThanOrEqual(2 * batch);
          }
          expect(fine.aofAlways.lost).toBe(0);
          expect(coarse.aofAlways.lost).toBe(0);
          // The RDB's loss is still "everything since the snapshot": the same to within a batch.
          expect(coarse.rdb.lost).toBeGreaterThanOrEqual(fine.rdb.lost - 2 * batch);
        },
      ),
      { numRuns: 12 },
    );
  });
});
