import {
  quote,
  say,
  usToNs,
  fixed,
  World,
  type Actor,
  type Json,
  type RunProgress,
  type SimNode,
  Trace,
} from '../sim';
import {
  normalizeParams,
  type Built,
  type Intervention,
  type RunResult,
  type ScenarioSpec,
} from './spec';

/** Nodes that can be crashed and restarted by an intervention. */
interface Crashable extends SimNode {
  crash(kind?: 'process-kill' | 'power-loss'): void;
  restart(): void;
}

const isCrashable = (n: SimNode): n is Crashable =>
  typeof (n as Partial<Crashable>).crash === 'function' &&
  typeof (n as Partial<Crashable>).restart === 'function';

/** Nodes with a per-operation cost a latency intervention can change (Redis, Postgres). */
interface Tunable extends SimNode {
  setCostNs(ns: number): void;
}

const isTunable = (n: SimNode): n is Tunable =>
  typeof (n as Partial<Tunable>).setCostNs === 'function';

/**
 * The metric a latency intervention records (its value: the new µs), so a
 * beat can quote it: "latency web-1↔redis µs" for a link (one way),
 * "latency redis µs" for a node's per-operation cost.
 */
export const latencyMetric = (iv: { node: string; peer?: string }): string =>
  iv.peer === undefined ? `latency ${iv.node} µs` : `latency ${iv.node}↔${iv.peer} µs`;

/** What a run is given. */
export interface RunOptions {
  params?: Record<string, unknown>;
  seed?: number;
  interventions?: readonly Intervention[];
  /** Called every few thousand events (and once when the engine is done); the trace is unchanged. */
  onProgress?: (p: RunProgress) => void;
}

/**
 * Runs one scenario headless: normalizes params, builds a fresh world with the
 * seed, schedules the interventions, runs, and measures the outcome off the
 * trace. Pure: the same inputs give a byte-identical trace.
 */
export function runWith(spec: ScenarioSpec, opts: RunOptions = {}): RunResult {
  const run = prepare(spec, opts);
  const trace = opts.onProgress
    ? run.world.finish(run.untilNs, undefined, opts.onProgress)
    : run.world.finish(run.untilNs);
  return run.result(trace);
}

/**
 * The same run as `runWith`, as a generator: it yields the progress every
 * `every` events and returns the result. The page steps it a slice at a time
 * between frames (a pause between events changes nothing: same trace).
 */
export function* runSteps(
  spec: ScenarioSpec,
  opts: Omit<RunOptions, 'onProgress'> = {},
  every = 2_000,
): Generator<RunStep, RunResult, void> {
  const run = prepare(spec, opts);
  const steps = run.world.finishSteps(run.untilNs, undefined, every);
  for (;;) {
    const r = steps.next();
    if (r.done) return run.result(r.value);
    const progress = r.value;
    yield { ...progress, preview: () => run.preview(progress.untilNs) };
  }
}

/**
 * A pause in a run: how far it got, and `preview()`, the run so far as a
 * partial result (its trace is a prefix of the finished one: every entry up to
 * now, each as the whole run will have it, since nothing is ever rewritten).
 */
export interface RunStep extends RunProgress {
  preview(): RunResult;
}

function prepare(
  spec: ScenarioSpec,
  opts: RunOptions,
): {
  world: World;
  untilNs: number | undefined;
  result: (trace: Trace) => RunResult;
  preview: (untilNs: number | null) => RunResult;
} {
  const seed = Number.isInteger(opts.seed) ? (opts.seed as number) : 1;
  const { values } = normalizeParams(spec.params, opts.params);
  const world = new World(seed);
  const built = spec.build(world, values);
  const interventions = opts.interventions ?? [];
  for (const iv of interventions) schedule(world, iv, built);
  // Let the last intervention play out (a reply, a reload) even past the story's end.
  const holdNs = interventions.length
    ? Math.max(...interventions.map((iv) => iv.tNs)) + INTERVENTION_GRACE_NS
    : 0;
  world.engine.holdUntilNs = holdNs;
  const untilNs = built.untilNs === undefined ? undefined : Math.max(built.untilNs, holdNs);
  return {
    world,
    untilNs,
    result: (trace) => ({
      trace,
      outcome: built.measure(trace),
      topology: world.topology(),
      params: values,
      seed,
    }),
    // A copy of the entries: the world goes on appending to its own array.
    preview: (until) => ({
      trace: new Trace(world.entries.slice()),
      outcome: null,
      topology: world.topology(),
      params: values,
      seed,
      partial: { untilNs: until },
    }),
  };
}

/** How long a run goes on after its last intervention: enough for any reply or reload. */
const INTERVENTION_GRACE_NS = 2e9;

function schedule(world: World, iv: Intervention, built: Built): void {
  // A scenario that narrates interventions itself gets told; run.ts then only marks them.
  const own = built.onIntervention?.bind(built);
  world.engine.at(
    Math.max(0, iv.tNs),
    () => {
      const node = world.node(iv.kind === 'command' ? iv.from : iv.node);
      if (iv.kind === 'crash' && isCrashable(node)) {
        const power = iv.crashKind === 'power-loss';
        world.mark(`✕ ${iv.node} crashed${power ? ' (power loss)' : ''}`);
        // No step of its own: the learner's act belongs to the step on screen.
        if (!own) world.narrate(`crash-${iv.node}`, crashText(iv.node, node.kind, power));
        node.crash(iv.crashKind);
      } else if (iv.kind === 'restart' && isCrashable(node)) {
        world.mark(`↻ ${iv.node} restarted`);
        if (node.kind !== 'redis' && !own)
          world.narrate(
            `restart-${iv.node}`,
            node.kind === 'postgres'
              ? `${iv.node} restarts. Every committed row is still there: it was in the WAL on disk.`
              : node.kind === 'memcached'
                ? `${iv.node} restarted empty: Memcached keeps nothing on disk, so every item is gone.`
                : `${iv.node} starts again with empty memory: its local dict is gone.`,
          );
        node.restart();
      } else if (iv.kind === 'command') {
        const actor = node as Actor;
        world.mark(`> ${iv.argv.join(' ')}`);
        actor.run(actor.redis(iv.node, iv.argv, `${iv.from}#console`), (reply) => {
          world.data(iv.from, '#console', { argv: iv.argv, reply });
          own?.({ phase: 'reply', iv, reply: reply as unknown as Json });
        });
      } else if (iv.kind === 'latency') {
        changeLatency(world, node, iv, !own);
      }
      own?.({ phase: 'act', iv });
    },
    -1,
  );
}

/**
 * Applies a latency intervention: a link's one-way latency (fixed from now
 * on) or a node's per-operation cost. Records the new value as a metric and
 * marks it on the timeline; `narrate` adds a beat that quotes it.
 */
function changeLatency(
  world: World,
  node: SimNode,
  iv: Extract<Intervention, { kind: 'latency' }>,
  narrate: boolean,
): void {
  const us = Math.max(0, iv.us);
  if (iv.peer !== undefined) world.setLinkLatency(iv.node, iv.peer, fixed(usToNs(us)));
  else if (isTunable(node)) node.setCostNs(usToNs(us));
  else throw new Error(`${iv.node} has no per-operation latency to change`);
  const metric = latencyMetric(iv);
  world.metric(metric, us);
  const what = iv.peer === undefined ? `${iv.node} per operation` : `${iv.node} ↔ ${iv.peer}`;
  world.mark(`⏱ ${what}: ${us} µs`);
  if (!narrate) return;
  world.narrate(
    `latency-${iv.node}${iv.peer === undefined ? '' : `-${iv.peer}`}`,
    iv.peer === undefined
      ? say`From this moment on, ${quote(us, { metric })} µs per operation on ${iv.node} (you changed it); the one it is busy with now keeps its old cost.`
      : say`From this moment on, ${quote(us, { metric })} µs each way on the link ${iv.node} ↔ ${iv.peer} (you changed it); packets already on the wire keep their old delay.`,
  );
}

/** What a crash takes, by kind of node, as the narration says it. */
function crashText(node: string, kind: string, power: boolean): string {
  if (kind === 'redis')
    return `You crashed ${node}${power ? ' with a power loss' : ' (SIGKILL)'}: its memory is gone${power ? ', and so is every byte not yet fsynced to disk' : '; bytes already written to the OS survive'}. Until it restarts, connections to it are refused.`;
  if (kind === 'postgres')
    return `You crashed ${node}: queries in flight fail and their connections reset. Committed rows are safe: they are in the WAL on disk.`;
  return `You crashed ${node}: its process and in-process memory are gone, and requests it was serving get a connection reset. Until it restarts, connections are refused.`;
}
