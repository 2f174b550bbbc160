import type { Json } from './json';
import type { Packet } from './packet';
import { FRAME_KINDS, type TraceEntry } from './traceEntry';

/** Everything the view needs at one moment, rebuilt from keyframes plus diffs. */
export interface TraceState {
  /** Index of the last entry applied (-1 before the first). */
  index: number;
  /** Machine state value of every node that reported one. */
  nodes: Record<string, string>;
  /** Per node, per key: the item's current value. */
  data: Record<string, Record<string, Json>>;
  /** The latest narration beat, if any. */
  narration: { beat: string; text: string; step?: string; t: number } | null;
  /** Latest value of each metric. */
  metrics: Record<string, number>;
  /** Packets sent and not yet delivered or dropped, by id. */
  inFlight: Record<number, Packet>;
}

/** A stopping point for the player: all entries at one instant, up to `index`. */
export interface Frame {
  t: number;
  /** Index of the last entry at this instant. */
  index: number;
  label: string;
}

/**
 * The last states each trace handed out, newest first. Kept beside the Trace,
 * not in it: a Trace's own fields are what the worker posts to the page.
 */
const memos = new WeakMap<Trace, TraceState[]>();

const EMPTY: TraceState = {
  index: -1,
  nodes: {},
  data: {},
  narration: null,
  metrics: {},
  inFlight: {},
};

/**
 * The immutable output of a run. Frames are the distinct instants of frame
 * entries; state at any entry is a keyframe (every `keyEvery` entries) plus at
 * most `keyEvery` diffs, so a seek costs O(keyEvery), not O(trace).
 */
export class Trace {
  readonly entries: readonly TraceEntry[];
  readonly frames: readonly Frame[];
  readonly endNs: number;
  private readonly keyframes: TraceState[] = [];
  private readonly times: Float64Array;

  constructor(
    entries: readonly TraceEntry[],
    readonly keyEvery = defaultKeyEvery(entries.length),
  ) {
    this.entries = entries;
    this.times = Float64Array.from(entries, (e) => e.t);
    this.endNs = entries.length ? entries[entries.length - 1].t : 0;
    this.frames = buildFrames(entries);
    let state = cloneState(EMPTY);
    let owned = newOwned();
    this.keyframes.push(cloneState(state));
    for (let i = 0; i < entries.length; i++) {
      apply(state, entries[i], i, owned);
      if ((i + 1) % keyEvery === 0) {
        this.keyframes.push(state);
        state = cloneState(state);
        owned = newOwned();
      }
    }
  }

  /**
   * State after applying entries 0..index (index -1: before everything).
   *
   * Returned states are shared and must be treated as immutable: the same
   * index twice returns the same object, and a lookup a little after a recent
   * one steps forward from it (copying only the parts the new entries touch),
   * so playback costs work proportional to what changed, not to what is held.
   */
  stateAtIndex(index: number): TraceState {
    const last = Math.max(-1, Math.min(index, this.entries.length - 1));
    let memo = memos.get(this);
    if (!memo) memos.set(this, (memo = []));
    const hit = memo.find((m) => m.index === last);
    if (hit) return hit;
    const k = Math.floor((last + 1) / this.keyEvery);
    // The nearest recent state at or after the keyframe and before `last`, if any.
    let from: TraceState = this.keyframes[k];
    for (const m of memo) {
      if (m.index < last && m.index > from.index) from = m;
    }
    const state = cloneState(from);
    const owned = newOwned();
    for (let i = from.index + 1; i <= last; i++) apply(state, this.entries[i], i, owned);
    state.index = last;
    // Two: a side lookup (a scoreboard, a test) between two ticks keeps the playhead's state.
    memo.unshift(state);
    if (memo.length > 2) memo.pop();
    return state;
  }

  /** State at simulated time `tNs`: every entry with t <= tNs applied. */
  stateAt(tNs: number): TraceState {
    return this.stateAtIndex(this.lastIndexAtOrBefore(tNs));
  }

  /** State at frame `i` (clamped). */
  stateAtFrame(i: number): TraceState {
    if (this.frames.length === 0) return cloneState(EMPTY);
    const f = this.frames[clamp(i, 0, this.frames.length - 1)];
    return this.stateAtIndex(f.index);
  }

  /** Index of the last entry with t <= tNs, or -1. Binary search. */
  lastIndexAtOrBefore(tNs: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid] <= tNs) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** The frame shown at time tNs: the last frame at or before it (0 before the first). */
  frameAtTime(tNs: number): number {
    let lo = 0;
    let hi = this.frames.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.frames[mid].t <= tNs) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, lo - 1);
  }

  /** Entries of one kind, typed. */
  ofKind<K extends TraceEntry['k']>(k: K): Extract<TraceEntry, { k: K }>[] {
    return this.entries.filter((e): e is Extract<TraceEntry, { k: K }> => e.k === k);
  }

  /** The trace as JSON: the byte-identical form that replay tests compare. */
  toJSON(): readonly TraceEntry[] {
    return this.entries;
  }
}

/**
 * Frames: distinct instants of frame entries, except that a burst of alike
 * events (sends from one node, or deliveries to one node, within
 * COALESCE_NS and with no narration between) is one step: "Redis answers the
 * ten ZINCRBYs" rather than ten steps a microsecond apart. A frame sits at the
 * last instant of its group, so the state by time at a frame shows all of it.
 */
const COALESCE_NS = 50_000;

function buildFrames(entries: readonly TraceEntry[]): Frame[] {
  const frames: (Frame & { group: string; startT: number; count: number })[] = [];
  const sent = new Map<number, Packet>();
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.k === 'send') sent.set(e.p.id, e.p);
    if (!FRAME_KINDS.has(e.k)) continue;
    const group = groupOf(e, sent);
    const last = frames[frames.length - 1];
    if (last && last.t === e.t) {
      last.index = i;
      if (e.k === 'narrate' || e.k === 'mark') last.label = describe(e, sent);
      if (last.group !== group) last.group = '';
    } else if (last && group !== '' && last.group === group && e.t - last.startT <= COALESCE_NS) {
      last.t = e.t;
      last.index = i;
      last.count++;
      last.label = `${describe(e, sent)} (and ${last.count - 1} more)`;
    } else {
      frames.push({ t: e.t, index: i, label: describe(e, sent), group, startT: e.t, count: 1 });
    }
  }
  // Fold trailing same-time non-frame entries (data diffs, state) into each frame.
  return frames.map((f) => {
    let j = f.index;
    while (j + 1 < entries.length && entries[j + 1].t === f.t) j++;
    return { t: f.t, index: j, label: f.label };
  });
}

/** Which burst an entry may join: sends by one node, or deliveries to one node; '' never joins. */
function groupOf(e: TraceEntry, sent: ReadonlyMap<number, Packet>): string {
  if (e.k === 'send') return `send:${e.p.from}`;
  if (e.k === 'deliver') {
    const p = sent.get(e.id);
    return p ? `deliver:${p.to}` : '';
  }
  return '';
}

function describe(e: TraceEntry, sent: ReadonlyMap<number, Packet>): string {
  switch (e.k) {
    case 'send':
      return `${e.p.from} → ${e.p.to}: ${e.p.label}`;
    case 'deliver': {
      const p = sent.get(e.id);
      return p ? `${p.to} receives ${p.label}` : 'delivered';
    }
    case 'drop':
      return `dropped: ${e.reason}`;
    case 'narrate':
      return e.step ? `${e.step}: ${e.text}` : e.text;
    case 'mark':
      return e.label;
    default:
      return e.k;
  }
}

/**
 * Which parts of a state this state already copied from the one it was cloned
 * from (copy-on-write): a clone shares everything, and an entry copies only
 * the record it writes, once, so stepping over a few entries costs what they
 * touch, not the size of what the store holds.
 */
interface Owned {
  data: Set<string>;
  nodes: boolean;
  metrics: boolean;
  inFlight: boolean;
}

const newOwned = (): Owned => ({ data: new Set(), nodes: false, metrics: false, inFlight: false });

/** One narration object per narrate entry, so states that show the same beat share it. */
const narrations = new WeakMap<TraceEntry, NonNullable<TraceState['narration']>>();

/** Applies one entry to `s`, copying what it writes on first write (see Owned). */
function apply(s: TraceState, e: TraceEntry, i: number, own: Owned): void {
  s.index = i;
  switch (e.k) {
    case 'send':
      if (!own.inFlight) {
        s.inFlight = { ...s.inFlight };
        own.inFlight = true;
      }
      s.inFlight[e.p.id] = e.p;
      break;
    case 'deliver':
    case 'drop':
      if (!(e.id in s.inFlight)) break;
      if (!own.inFlight) {
        s.inFlight = { ...s.inFlight };
        own.inFlight = true;
      }
      delete s.inFlight[e.id];
      break;
    case 'state':
      if (!own.nodes) {
        s.nodes = { ...s.nodes };
        own.nodes = true;
      }
      s.nodes[e.node] = e.value;
      break;
    case 'data': {
      let node = s.data[e.node];
      if (!own.data.has(e.node)) {
        node = { ...(node ?? {}) };
        if (own.data.size === 0) s.data = { ...s.data };
        s.data[e.node] = node;
        own.data.add(e.node);
      }
      if (e.value === null) delete node[e.key];
      else node[e.key] = e.value;
      break;
    }
    case 'narrate': {
      let n = narrations.get(e);
      if (!n) narrations.set(e, (n = { beat: e.beat, text: e.text, step: e.step, t: e.t }));
      s.narration = n;
      break;
    }
    case 'metric':
      if (!own.metrics) {
        s.metrics = { ...s.metrics };
        own.metrics = true;
      }
      s.metrics[e.name] = e.value;
      break;
    case 'mark':
      break;
  }
}

/** A state sharing every record with `s` (apply copies a record before writing it). */
function cloneState(s: TraceState): TraceState {
  return { ...s };
}

/**
 * Keyframe spacing: about 2·√n entries (128 to 1024). A keyframe copies the
 * node maps a segment touches, so more keyframes cost build time and memory in
 * big traces; fewer cost seek time. √n balances the two.
 */
function defaultKeyEvery(n: number): number {
  return Math.max(128, Math.min(1024, Math.round(2 * Math.sqrt(n))));
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
