import type { LatencySpec } from '../../../src/sim/latency';
import type { Packet } from '../../../src/sim/packet';
import { World, type SimNode } from '../../../src/sim/world';

/** A node that answers each request after a seeded think time, and may be down. */
class Echo implements SimNode {
  readonly kind = 'webServer';
  up = true;
  constructor(
    private readonly world: World,
    readonly id: string,
  ) {}
  receive(p: Packet): void {
    if (p.kind !== 'request') return;
    const think = this.world.rng.int(0, 3) * 1000;
    this.world.engine.schedule(think, () => {
      this.world.data(this.id, `seen:${p.from}`, p.id);
      this.world.send({
        from: this.id,
        to: p.from,
        kind: 'reply',
        label: `re ${p.label}`,
        payload: { re: p.id },
      });
    });
  }
}

const SPECS: LatencySpec[] = [
  { kind: 'fixed', ns: 5_000 },
  { kind: 'uniform', minNs: 1_000, maxNs: 9_000 },
  { kind: 'normal', meanNs: 5_000, sdNs: 2_000 },
  { kind: 'lognormal', medianNs: 4_000, sigma: 0.5 },
];

/**
 * A random but seeded workload: `nodes` echo nodes on a ring with mixed
 * latency kinds and loss, `messages` requests, and one node that goes down
 * for a while. Used by the engine and trace property tests.
 */
export function syntheticWorld(seed: number, nodes = 4, messages = 60, lossRate = 0.05): World {
  const world = new World(seed);
  const echoes = Array.from({ length: nodes }, (_, i) => world.add(new Echo(world, `n${i}`)));
  for (let i = 0; i < nodes; i++) {
    for (let j = i + 1; j < nodes; j++)
      world.link(`n${i}`, `n${j}`, SPECS[(i + j) % SPECS.length], lossRate);
  }
  for (let m = 0; m < messages; m++) {
    const at = world.rng.int(0, 200) * 500;
    const from = world.rng.int(0, nodes - 1);
    const to = (from + 1 + world.rng.int(0, nodes - 2)) % nodes;
    world.engine.at(at, () => {
      world.send({
        from: `n${from}`,
        to: `n${to}`,
        kind: 'request',
        label: `m${m}`,
        payload: { m },
      });
      if (m % 10 === 0) world.narrate(`b${m}`, `message ${m}`);
    });
  }
  world.engine.at(30_000, () => {
    echoes[0].up = false;
    world.state('n0', 'down');
  });
  world.engine.at(60_000, () => {
    echoes[0].up = true;
    world.state('n0', 'idle');
  });
  return world;
}
