// Replays a golden recording (tests/fixtures/golden, real redis-server 7.0's
// replies) against the model, each command at the recorded instant, and
// compares with the live differential tests' own rules (sameReply*).
import { createRedisStore, encodeResp } from '../../../src/sim/redis';
import { sameReply } from '../../differential/compare';
import { sameReplyA } from '../../differential/compareA';
import { sameReplyB } from '../../differential/compareB';
import { fullScan } from '../../differential/fullScan';
import { loadGolden } from '../../differential/goldenFixture';
import type { WorkloadName } from '../../differential/workloads';

export interface ReplayResult {
  /** Recorded steps replayed. */
  steps: number;
  /** The workload size the recording was driven to. */
  size: number;
  mismatches: number;
  /** The first mismatches: step, argv, redis-server's reply, the model's. */
  report: string;
}

const SHOWN = Number(process.env.GOLDEN_SHOWN ?? 8);

export async function replayOnModel(workload: WorkloadName): Promise<ReplayResult> {
  const f = loadGolden(workload);
  const store = createRedisStore({ config: { save: '' } });
  const bad: string[] = [];
  let mismatches = 0;
  for (const [i, s] of f.steps.entries()) {
    const nowMs = f.baseSec * 1000 + s.t;
    const exec = (argv: string[]) => encodeResp(store.exec(argv, { nowMs }));
    let argv: string[];
    let mine: string;
    let same: boolean;
    if (s.scan) {
      const [head, opts, pairs] = s.scan;
      argv = [...head, '*', ...opts];
      mine = JSON.stringify(await fullScan((a) => Promise.resolve(exec(a)), head, opts, pairs));
      same = mine === s.r;
    } else {
      argv = s.a!;
      const reply = store.exec(argv, { nowMs });
      if (reply.type === 'blocked') {
        // redis-server waited out the short timeout; let the model's clock pass it too.
        store.tick(nowMs + 600_000);
        const pushes = store.takePushes();
        mine = pushes.length === 1 ? encodeResp(pushes[0].reply) : `<${pushes.length} pushes>`;
      } else mine = encodeResp(reply);
      if (f.workload === 'commands') same = sameReply(argv, s.r, mine);
      else if (f.workload === 'commandsB')
        same = sameReplyB(argv, s.r, mine, s.pre ? new Map(s.pre) : undefined);
      else
        same = sameReplyA(
          argv,
          s.r,
          mine,
          (key) => store.keyView(key, nowMs),
          () => store.keys(),
        );
      if (s.left) {
        // The pop was random on both sides: adopt what redis-server kept.
        exec(['DEL', argv[1]]);
        if (s.left.length > 0) exec(['SADD', argv[1], ...s.left]);
      }
    }
    if (same) continue;
    mismatches++;
    if (bad.length < SHOWN) {
      bad.push(
        `#${i} ${JSON.stringify(argv)}\n  redis: ${JSON.stringify(s.r)}\n  model: ${JSON.stringify(mine)}`,
      );
    }
  }
  const report = `${mismatches} mismatches with redis-server ${f.redis} (first ${bad.length}):\n${bad.join('\n')}`;
  return { steps: f.steps.length, size: f.size, mismatches, report };
}
