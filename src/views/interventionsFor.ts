import { normalizeParams, type Intervention, type ScenarioSpec } from '../scenarios';
import { World, type Topology } from '../sim';

/**
 * Splits a link's interventions into those that fit the scenario's topology at
 * `params` (a crash or restart of an existing node; a command from a web server
 * or worker linked to the Redis it targets) and those that do not, each with a
 * sentence for the notice. A run with an unknown node would fail as a whole;
 * this drops only the entries that cannot apply. Builds the world without
 * running it.
 */
export function interventionsFor(
  spec: ScenarioSpec,
  params: Record<string, unknown> | undefined,
  ivs: readonly Intervention[],
): { kept: Intervention[]; dropped: string[] } {
  let topology: Topology;
  try {
    const world = new World(1);
    spec.build(world, normalizeParams(spec.params, params).values);
    topology = world.topology();
  } catch {
    return { kept: [...ivs], dropped: [] };
  }
  const kindOf = (id: string): string | undefined => topology.nodes.find((n) => n.id === id)?.kind;
  const linked = (a: string, b: string): boolean =>
    topology.links.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
  const kept: Intervention[] = [];
  const dropped: string[] = [];
  for (const iv of ivs) {
    let ok = kindOf(iv.node) !== undefined;
    if (ok && iv.kind === 'command') {
      const from = kindOf(iv.from) ?? '';
      ok =
        ['webServer', 'worker'].includes(from) &&
        kindOf(iv.node) === 'redis' &&
        linked(iv.from, iv.node);
    }
    if (ok) kept.push(iv);
    else dropped.push(`iv: ${iv.kind} on ${iv.node.slice(0, 64)} does not fit this scenario`);
  }
  return { kept, dropped };
}
