import type { Json } from '../sim';
import { cacheAside } from './cacheAside';
import { runWith } from './run';
import type { Intervention, RunResult, ScenarioSpec } from './spec';

export type { Intervention, ParamSpec, ParamValues, RunResult, ScenarioSpec } from './spec';
export { normalizeParams } from './spec';

/** Every bundled scenario, in lesson order. Ids are a public contract (URLs, embeds, tests). */
export const scenarios: ScenarioSpec[] = [cacheAside];

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
  opts: { params?: Record<string, unknown>; seed?: number; interventions?: readonly Intervention[] } = {},
): RunResult & { outcome: Json } {
  const spec = findScenario(id);
  if (!spec) throw new Error(`unknown scenario '${id}'`);
  return runWith(spec, opts);
}
