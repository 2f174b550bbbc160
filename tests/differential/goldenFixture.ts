// Golden recordings: a seeded workload of workloads.ts played against a real
// redis-server 7.0 alone (npm run golden:record), with every reply and the
// clock at which each command was sent. Replayed against the model by
// tests/unit/redis/golden*.test.ts and against redis-server again by
// tests/differential/golden.test.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import type { WorkloadName } from './workloads';

/** One recorded step: a command, or a whole SCAN/HSCAN iteration (`scan`). */
export interface GoldenStep {
  /** Ms since the workload's base second when the command was sent. */
  t: number;
  /** The command (absent for a scan step). */
  a?: string[];
  /** redis-server's RESP reply; for a scan step, the JSON of the sorted set it returned. */
  r: string;
  /** Arguments that are absolute times: [index, 1 for seconds or 1000 for ms since the base]. */
  x?: [number, number][];
  /** A random pick's key as it was just before, on redis-server: [member, score or null]. */
  pre?: [string, string | null][];
  /** What a random pop (SPOP) left in its set on redis-server; the other side adopts it. */
  left?: string[];
  /** A scan step: [head, options, whether replies come in field/value pairs]. */
  scan?: [string[], string[], boolean];
}

export interface GoldenFixture {
  workload: WorkloadName;
  seed: number;
  /** The size the workload was driven to (before its final dataset checks). */
  size: number;
  /** redis-server's version string, e.g. 7.0.15. */
  redis: string;
  /** The Unix second the generator's absolute expiries are based on. */
  baseSec: number;
  steps: GoldenStep[];
}

/** The recorded workloads: the live tests' seeds, at sizes that keep the JSON small. */
export const GOLDEN: readonly { workload: WorkloadName; seed: number; size: number }[] = [
  { workload: 'commands', seed: 20240601, size: 3000 },
  { workload: 'commandsA', seed: 20240702, size: 3000 },
  { workload: 'commandsB', seed: 20240602, size: 3000 },
  { workload: 'edgesA', seed: 0, size: 0 },
  { workload: 'edgesB', seed: 0, size: 0 },
  { workload: 'edgesC', seed: 0, size: 0 },
];

const DIR = new URL('../fixtures/golden/', import.meta.url);

export function loadGolden(workload: WorkloadName): GoldenFixture {
  return JSON.parse(readFileSync(new URL(`${workload}.json`, DIR), 'utf8')) as GoldenFixture;
}

/** One step a line, so a re-recording shows up in git diff step by step. */
export function writeGolden(f: GoldenFixture): void {
  const { steps, ...head } = f;
  const body = steps.map((s) => JSON.stringify(s)).join(',\n');
  const text = `${JSON.stringify(head).slice(0, -1)},"steps":[\n${body}\n]}\n`;
  writeFileSync(new URL(`${f.workload}.json`, DIR), text);
}

/** argv with its absolute times moved from the recorded base second by `shiftSec`. */
export function shiftArgv(step: GoldenStep, shiftSec: number): string[] {
  const argv = step.a!.slice();
  for (const [i, unit] of step.x ?? []) argv[i] = String(Number(argv[i]) + shiftSec * unit);
  return argv;
}
