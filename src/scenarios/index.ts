import type { Json, RunProgress } from '../sim';
import { cacheAside } from './cacheAside';
import { hashObject } from './hashObject';
import { listQueue } from './listQueue';
import { memoryHierarchy } from './memoryHierarchy';
import { persistence } from './persistence';
import { pubsubChat } from './pubsubChat';
import { rateLimiter } from './rateLimiter';
import { redisVsMemcached } from './redisVsMemcached';
import { runSteps, runWith, type RunStep } from './run';
import { sandbox } from './sandbox';
import { setMutualFriends } from './setMutualFriends';
import { sharedBrain } from './sharedBrain';
import { sortedSetLeaderboard } from './sortedSetLeaderboard';
import { stringSession } from './stringSession';
import { twitterFanout } from './twitterFanout';
import type { Intervention, RunResult, ScenarioSpec } from './spec';

export type { Intervention, ParamSpec, ParamValues, RunResult, ScenarioSpec } from './spec';
export { normalizeParams } from './spec';
export {
  formatCell,
  outcomeAt,
  traceUpTo,
  type Scoreboard,
  type ScoreCell,
  type ScoreRow,
} from './scoreboard';
export type { RunProgress } from '../sim';
export type { RunStep } from './run';

/** Every bundled scenario, in lesson order. Ids are a public contract (URLs, embeds, tests). */
export const scenarios: ScenarioSpec[] = [
  memoryHierarchy,
  sharedBrain,
  stringSession,
  listQueue,
  setMutualFriends,
  sortedSetLeaderboard,
  hashObject,
  cacheAside,
  redisVsMemcached,
  persistence,
  twitterFanout,
  rateLimiter,
  pubsubChat,
  sandbox,
];

/** The scenario with this id, or undefined. */
export function findScenario(id: string): ScenarioSpec | undefined {
  return scenarios.find((s) => s.id === id);
}

/**
 * Runs a scenario headless (Node or browser): `{ trace, outcome }` plus the
 * topology and the normalized params. Throws on an unknown id.
 */
export function runScenario(
  id: string,
  opts: {
    params?: Record<string, unknown>;
    seed?: number;
    interventions?: readonly Intervention[];
    /** Progress every few thousand events; does not change the trace. */
    onProgress?: (p: RunProgress) => void;
  } = {},
): RunResult & { outcome: Json } {
  const spec = findScenario(id);
  if (!spec) throw new Error(`unknown scenario '${id}'`);
  return runWith(spec, opts);
}

/**
 * `runScenario` as a generator (see `runSteps`): yields progress every `every`
 * events and returns the same result. Throws on an unknown id.
 */
export function runScenarioSteps(
  id: string,
  opts: {
    params?: Record<string, unknown>;
    seed?: number;
    interventions?: readonly Intervention[];
  } = {},
  every?: number,
): Generator<RunStep, RunResult & { outcome: Json }, void> {
  const spec = findScenario(id);
  if (!spec) throw new Error(`unknown scenario '${id}'`);
  return runSteps(spec, opts, every);
}
