// npm run golden:record: plays each workload of GOLDEN (tests/differential/
// goldenFixture.ts) against a fresh real redis-server 7.0 only, and writes
// tests/fixtures/golden/<workload>.json. Only redis-server answers here: the
// model never touches a recording. Run it again after changing a generator or
// a workload driver (tests/differential/golden.test.ts fails on a stale one).
// Usage: npx tsx scripts/recordGolden.ts [workload ...]
import { mkdirSync } from 'node:fs';
import { readBefore, readLeft } from '../tests/differential/compareB';
import { fullScan } from '../tests/differential/fullScan';
import { RANDOM_EFFECT, RANDOM_REPLY } from '../tests/differential/generatorB';
import {
  GOLDEN,
  writeGolden,
  type GoldenFixture,
  type GoldenStep,
} from '../tests/differential/goldenFixture';
import { RespConnection, requireRedisServer, startRedis } from '../tests/differential/redisServer';
import { DRIVES, type WorkloadName } from '../tests/differential/workloads';

const version = /v=(\S+)/.exec(requireRedisServer())?.[1] ?? '?';
if (!version.startsWith('7.0.')) {
  throw new Error(
    `redis-server ${version}: the golden recordings need 7.0 (the model's reference)`,
  );
}
mkdirSync(new URL('../tests/fixtures/golden/', import.meta.url), { recursive: true });

/** Which arguments are absolute times: those that move when the base second does. */
async function absoluteTimes(
  workload: WorkloadName,
  seed: number,
  baseSec: number,
  size: number,
): Promise<string[][]> {
  const argvs: string[][] = [];
  await DRIVES[workload](seed, baseSec, size, {
    step: (argv) => Promise.resolve(void argvs.push(argv)),
    scan: (head, opts) => Promise.resolve(void argvs.push([...head, ...opts])),
  });
  return argvs;
}

async function record(workload: WorkloadName, seed: number, size: number): Promise<GoldenFixture> {
  const server = await startRedis();
  const conn = await RespConnection.open(server.port);
  const send = (argv: string[]) => conn.command(argv);
  const baseSec = Math.floor(Date.now() / 1000);
  const steps: GoldenStep[] = [];
  const elapsed = () => Date.now() - baseSec * 1000;
  try {
    await DRIVES[workload](seed, baseSec, size, {
      step: async (argv, inMulti) => {
        const name = argv[0].toUpperCase();
        const step: GoldenStep = { t: 0, a: argv, r: '' };
        // commandsB's reads around random picks and pops (see commandsB.test.ts).
        if (workload === 'commandsB' && RANDOM_REPLY.has(name) && argv.length > 1) {
          step.pre = [...(await readBefore(send, argv[1])).entries()];
        }
        step.t = elapsed();
        step.r = await send(argv);
        if (workload === 'commandsB' && RANDOM_EFFECT.has(name) && !inMulti && argv.length > 1) {
          const left = await readLeft(send, argv[1]);
          if (left) step.left = left;
        }
        steps.push(step);
      },
      scan: async (head, opts, pairs) => {
        const t = elapsed();
        const r = JSON.stringify(await fullScan(send, head, opts, pairs));
        steps.push({ t, r, scan: [head, opts, pairs] });
      },
    });
  } finally {
    conn.close();
    await server.stop();
  }
  const moved = await absoluteTimes(workload, seed, baseSec + 1, size);
  if (moved.length !== steps.length) throw new Error(`${workload}: the workload is not replayable`);
  steps.forEach((s, i) => {
    if (!s.a) return;
    const x: [number, number][] = [];
    s.a.forEach((arg, j) => {
      const d = Number(moved[i][j]) - Number(arg);
      if (moved[i][j] !== arg) {
        if (d !== 1 && d !== 1000)
          throw new Error(`${workload} #${i}: argument ${j} moved by ${d}`);
        x.push([j, d]);
      }
    });
    if (x.length > 0) s.x = x;
  });
  return { workload, seed, size, redis: version, baseSec, steps };
}

const only = process.argv.slice(2);
for (const g of GOLDEN) {
  if (only.length > 0 && !only.includes(g.workload)) continue;
  const started = Date.now();
  const fixture = await record(g.workload, g.seed, g.size);
  writeGolden(fixture);
  console.log(
    `${g.workload}: ${fixture.steps.length} steps in ${Date.now() - started} ms (redis-server ${version})`,
  );
}
