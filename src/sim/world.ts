import { Engine } from './engine';
import type { Json } from './json';
import { sampleLatencyNs, type LatencySpec } from './latency';
import type { Packet, PacketKind } from './packet';
import type { Said } from './quote';
import { createRng, type Rng } from './rng';
import { Trace } from './trace';
import type { TraceEntry } from './traceEntry';

/** Anything that can receive packets. */
export interface SimNode {
  readonly id: string;
  readonly kind: string;
  /** False while crashed: packets arriving then are dropped with a reason. */
  readonly up: boolean;
  receive(packet: Packet): void;
}

/** The shape of a run, for layout: node ids and kinds, and which pairs are linked. */
export interface Topology {
  nodes: { id: string; kind: string }[];
  links: [string, string][];
}

/** How far a run has got: simulated time reached, the target (if finite), events executed. */
export interface RunProgress {
  simNs: number;
  untilNs: number | null;
  events: number;
}

/** A link's latency and loss, both directions. */
export interface Link {
  latency: LatencySpec;
  lossRate: number;
}

/** What `send` needs; id and times are filled in by the world. */
export interface Outgoing {
  from: string;
  to: string;
  kind: PacketKind;
  label: string;
  payload: Json;
  bytes?: number;
}

/**
 * One run of the model: the engine, the run's only generator, the nodes and
 * links, and the recorder that appends to the Trace. Everything a scenario does
 * goes through here, so the trace is complete by construction.
 */
export class World {
  readonly engine = new Engine();
  readonly rng: Rng;
  readonly entries: TraceEntry[] = [];
  private readonly nodes = new Map<string, SimNode>();
  private readonly links = new Map<string, Link>();
  private nextPacketId = 1;
  /** When true, every packet's label starts with its size on the wire ("86 B · HGET …"), so truncation keeps it. */
  labelBytes = false;
  private readonly linkOrder: [string, string][] = [];

  constructor(readonly seed: number) {
    this.rng = createRng(seed);
  }

  /** Simulated now, ns. */
  get nowNs(): number {
    return this.engine.nowNs;
  }

  /** Registers a node; ids are unique. */
  add<N extends SimNode>(node: N): N {
    if (this.nodes.has(node.id)) throw new Error(`duplicate node id ${node.id}`);
    this.nodes.set(node.id, node);
    return node;
  }

  /** The node with this id (throws when unknown: a scenario bug). */
  node(id: string): SimNode {
    const n = this.nodes.get(id);
    if (!n) throw new Error(`unknown node ${id}`);
    return n;
  }

  /** Connects two nodes (both directions) with a latency spec and optional loss. */
  link(a: string, b: string, latency: LatencySpec, lossRate = 0): void {
    if (!this.links.has(linkKey(a, b))) this.linkOrder.push([a, b]);
    this.links.set(linkKey(a, b), { latency, lossRate });
  }

  /**
   * Changes an existing link's latency from now on (a learner's intervention):
   * packets already on the wire keep the delay they were sent with. Throws
   * when the two nodes are not linked.
   */
  setLinkLatency(a: string, b: string, latency: LatencySpec): void {
    const link = this.links.get(linkKey(a, b));
    if (!link) throw new Error(`no link between ${a} and ${b}`);
    this.links.set(linkKey(a, b), { ...link, latency });
  }

  /** Nodes and links, in the order they were added: what the Stage lays out. */
  topology(): Topology {
    return {
      nodes: [...this.nodes.values()].map((n) => ({ id: n.id, kind: n.kind })),
      links: this.linkOrder.map(([a, b]) => [a, b] as [string, string]),
    };
  }

  /** The link between two nodes, if any. */
  linkOf(a: string, b: string): Link | undefined {
    return this.links.get(linkKey(a, b));
  }

  /**
   * Sends a packet over the link between `from` and `to`. The delivery (or a
   * drop with its reason) is scheduled now, so every packet sent ends delivered
   * or dropped.
   */
  send(out: Outgoing): Packet {
    const link = this.links.get(linkKey(out.from, out.to));
    if (!link) throw new Error(`no link between ${out.from} and ${out.to}`);
    const delayNs = sampleLatencyNs(link.latency, this.rng);
    const lost = link.lossRate > 0 && this.rng.chance(link.lossRate);
    const bytes = out.bytes ?? estimateBytes(out.payload);
    const p: Packet = {
      id: this.nextPacketId++,
      from: out.from,
      to: out.to,
      kind: out.kind,
      label: this.labelBytes ? `${bytes} B · ${out.label}` : out.label,
      sentNs: this.nowNs,
      deliverNs: this.nowNs + delayNs,
      bytes,
      payload: out.payload,
    };
    this.entries.push({ k: 'send', t: this.nowNs, p });
    this.engine.schedule(delayNs, () => this.arrive(p, lost));
    return p;
  }

  private arrive(p: Packet, lost: boolean): void {
    const dest = this.nodes.get(p.to);
    if (lost) {
      this.entries.push({ k: 'drop', t: this.nowNs, id: p.id, reason: 'lost on the link' });
    } else if (!dest || !dest.up) {
      this.entries.push({ k: 'drop', t: this.nowNs, id: p.id, reason: `${p.to} is down` });
      // The host's kernel still answers a connection attempt: with a reset.
      const rid = (p.payload as { rid?: unknown } | null)?.rid;
      if (dest && p.kind === 'request' && typeof rid === 'number') {
        this.send({
          from: p.to,
          to: p.from,
          kind: 'error',
          label: 'RST: connection refused',
          payload: { re: rid, reset: true },
        });
      }
    } else {
      this.entries.push({ k: 'deliver', t: this.nowNs, id: p.id });
      dest.receive(p);
    }
  }

  /** Records a node machine's new state value. */
  state(node: string, value: string): void {
    this.entries.push({ k: 'state', t: this.nowNs, node, value });
  }

  /** Records a diff of one item a node holds; `null` deletes it. */
  data(node: string, key: string, value: Json): void {
    this.entries.push({ k: 'data', t: this.nowNs, node, key, value });
  }

  /**
   * Records a narration beat at this instant; `step` names the lesson step
   * ("Step 2 of 6 · Cache miss", or "Summary" on the closing beat). A `Said`
   * (from `say`) keeps its quotes, so tests can check every number it quotes.
   */
  narrate(beat: string, text: string | Said, step?: string): void {
    const e: Extract<TraceEntry, { k: 'narrate' }> =
      typeof text === 'string'
        ? { k: 'narrate', t: this.nowNs, beat, text }
        : { k: 'narrate', t: this.nowNs, beat, text: text.text, q: text.quotes };
    if (step !== undefined) e.step = step;
    this.entries.push(e);
  }

  /** Records a sampled number. */
  metric(name: string, value: number): void {
    this.entries.push({ k: 'metric', t: this.nowNs, name, value });
  }

  /** Records a timeline mark (an intervention, a phase). */
  mark(label: string): void {
    this.entries.push({ k: 'mark', t: this.nowNs, label });
  }

  /**
   * Runs the engine up to `untilNs` (default: until nothing is left) and returns the Trace.
   * With `onProgress`, runs in slices of `progressEvery` events and reports after each
   * (and once at the end, before the Trace is built). Slicing only pauses the loop
   * between events, so the trace is the same with or without the hook.
   */
  finish(
    untilNs = Infinity,
    maxEvents = 5_000_000,
    onProgress?: (p: RunProgress) => void,
    progressEvery = 2_000,
  ): Trace {
    if (!onProgress) {
      this.engine.run(untilNs, maxEvents);
      return new Trace(this.entries);
    }
    const steps = this.finishSteps(untilNs, maxEvents, progressEvery);
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      onProgress(r.value);
    }
  }

  /**
   * `finish` as a generator: it yields the progress after every `every`
   * events (and once when the engine is done) and returns the Trace. The
   * caller may pause at any yield for as long as it likes (the page runs a
   * long run a slice at a time): pausing between events changes nothing.
   */
  *finishSteps(
    untilNs = Infinity,
    maxEvents = 5_000_000,
    every = 2_000,
  ): Generator<RunProgress, Trace, void> {
    const engine = this.engine;
    const start = engine.executed;
    const slice = Math.max(1, Math.floor(every));
    const progress = (): RunProgress => ({
      simNs: engine.nowNs,
      untilNs: Number.isFinite(untilNs) ? untilNs : null,
      events: engine.executed - start,
    });
    for (;;) {
      const budget = Math.min(slice, maxEvents - (engine.executed - start));
      if (budget <= 0) break;
      const before = engine.executed;
      engine.run(untilNs, budget);
      // Fewer than `budget` events: the queue ran dry (or stop()); run() has settled the clock.
      if (engine.executed - before < budget) break;
      yield progress();
    }
    yield progress();
    return new Trace(this.entries);
  }
}

function linkKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** A rough wire size: the JSON length plus a 40-byte TCP/IP header. */
function estimateBytes(payload: Json): number {
  return 40 + JSON.stringify(payload).length;
}
