import fc from 'fast-check';
import { runScenario } from '../../../src/scenarios';
import { argvOf, exchanges } from '../../../src/scenarios/measure';

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
  runScenario('persistence-rdb-vs-aof', { params, seed }).outcome as unknown as Outcome;

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
          const { trace, outcome } = runScenario('persistence-rdb-vs-aof', {
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
          // counted here from the +OK packets themselves.
          const forkNs =
            o.rdb.lastSnapshotForkAtMs === null ? -Infinity : o.rdb.lastSnapshotForkAtMs * 1e6;
          const acks = exchanges(trace, { from: 'app', to: 'redis-rdb' }).filter(
            (x) =>
              argvOf(x.req)[0] === 'SET' &&
              x.reply?.kind === 'reply' &&
              x.reply.sentNs <= crashAtSec * 1e9,
          );
          expect(o.rdb.lost).toBe(acks.filter((x) => x.reply!.sentNs > forkNs).length);
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
});
