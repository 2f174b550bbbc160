import { findScenario, normalizeParams } from '../scenarios';
import { World, type Topology } from '../sim';

const cache = new Map<string, Topology | null>();

/**
 * A scenario's nodes and links at its default params, without running it:
 * `build` only adds nodes and links and schedules the workload; nothing runs
 * until `finish`, which is never called here. Null if the build throws.
 */
export function topologyOf(id: string): Topology | null {
  if (cache.has(id)) return cache.get(id) ?? null;
  const spec = findScenario(id);
  let topology: Topology | null = null;
  if (spec) {
    try {
      const world = new World(1);
      spec.build(world, normalizeParams(spec.params).values);
      topology = world.topology();
    } catch {
      topology = null;
    }
  }
  cache.set(id, topology);
  return topology;
}
