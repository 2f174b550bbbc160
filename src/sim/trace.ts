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
  /**
   * The last two states handed out, newest first, with the overlays they were
   * built from (see stateAtIndex). Two, so that a side lookup (a scoreboard, a
   * frame test) between two ticks does not evict the playhead's state.
   */
  private memos: Memo[] = [];

  constructor(
    entries: readonly TraceEntry[],
    readonly keyEvery = defaultKeyEvery(entries.length),
  ) {
    this.entries = entries;
    this.times = Float64Array.from(entries, (e) => e.t);
    this.endNs = entries.length ? entries[entries.length - 1].t : 0;
    this.frames = buildFrames(entries);
    let state = cloneState(EMPTY);
    let owned = new Set<string>();
    this.keyframes.push(cloneState(state));
    for (let i = 0; i < entries.length; i++) {
      apply(state, entries[i], i, owned);
      if ((i + 1) % keyEvery === 0) {
        // Frozen: later lookups read these node maps through overlays and must never write them.
        for (const node of owned) Object.freeze(state.data[node]);
        this.keyframes.push(state);
        state = cloneState(state);
        owned = new Set();
      }
    }
  }

  /**
   * State after applying entries 0..index (index -1: before everything).
   *
   * Never copies a node's data map: a node changed since the keyframe is a
   * read-only view of the keyframe's (frozen) map plus an overlay of the keys
   * changed since, so a lookup costs O(entries since the keyframe + packets in
   * flight), not O(keys held). The same index twice returns the same object,
   * and a lookup a little after the previous one steps forward from it, so
   * playback does work proportional to what changed. Returned states are
   * shared: treat them as immutable.
   */
  stateAtIndex(index: number): TraceState {
    const last = Math.max(-1, Math.min(index, this.entries.length - 1));
    const hit = this.memos.find((m) => m.state.index === last);
    if (hit) return hit.state;
    const k = Math.floor((last + 1) / this.keyEvery);
    // Step forward from the nearest earlier state in the same keyframe segment, if any.
    let memo: Memo | undefined;
    for (const m of this.memos) {
      if (m.k === k && m.state.index < last && (!memo || m.state.index > memo.state.index))
        memo = m;
    }
    const key = this.keyframes[k];
    let from: number;
    let state: TraceState;
    let overlays: Map<string, Overlay>;
    if (memo && memo.k === k && memo.state.index < last) {
      from = memo.state.index + 1;
      state = cloneState(memo.state);
      overlays = new Map(memo.overlays);
    } else {
      from = k * this.keyEvery;
      state = cloneState(key);
      overlays = new Map();
    }
    const touched = new Set<string>();
    for (let i = from; i <= last; i++) {
      const e = this.entries[i];
      if (e.k === 'data') {
        let o = overlays.get(e.node);
        if (!touched.has(e.node)) {
          // Copy-on-write of the overlay only (small: at most keyEvery keys).
          o = o ? copyOverlay(o) : newOverlay();
          overlays.set(e.node, o);
          touched.add(e.node);
        }
        setOverlay(o!, key.data[e.node], e.key, e.value);
        state.index = i;
      } else apply(state, e, i, NO_OWN);
    }
    state.index = last;
    for (const node of touched) {
      state.data[node] = overlayView(key.data[node] ?? EMPTY_NODE, overlays.get(node)!);
    }
    this.memos = [{ state, k, overlays }, ...this.memos.slice(0, 1)];
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

/** Applies one entry; `owned` names node maps this state already copied (copy-on-write). */
function apply(s: TraceState, e: TraceEntry, i: number, owned: Set<string>): void {
  s.index = i;
  switch (e.k) {
    case 'send':
      s.inFlight[e.p.id] = e.p;
      break;
    case 'deliver':
    case 'drop':
      delete s.inFlight[e.id];
      break;
    case 'state':
      s.nodes[e.node] = e.value;
      break;
    case 'data': {
      // Copy-on-write per node: keyframes share node maps until one changes.
      let node = s.data[e.node];
      if (!owned.has(e.node)) {
        node = { ...(node ?? {}) };
        s.data[e.node] = node;
        owned.add(e.node);
      }
      if (e.value === null) delete node[e.key];
      else node[e.key] = e.value;
      break;
    }
    case 'narrate':
      s.narration = { beat: e.beat, text: e.text, step: e.step, t: e.t };
      break;
    case 'metric':
      s.metrics[e.name] = e.value;
      break;
    case 'mark':
      break;
  }
}

/** Changes to one node's keys since a keyframe; `added` keys sit after the keyframe's, in order. */
interface Overlay {
  values: Map<string, Json | typeof DELETED>;
  added: Set<string>;
}

interface Memo {
  state: TraceState;
  k: number;
  overlays: Map<string, Overlay>;
}

const DELETED: unique symbol = Symbol('deleted');
const EMPTY_NODE: Readonly<Record<string, Json>> = Object.freeze({});
/** apply() never sees a data entry on the overlay path; this set is never written. */
const NO_OWN: Set<string> = new Set();

const newOverlay = (): Overlay => ({ values: new Map(), added: new Set() });
const copyOverlay = (o: Overlay): Overlay => ({
  values: new Map(o.values),
  added: new Set(o.added),
});

/** Records `key = value` (null: delete) the way a plain object would order its keys. */
function setOverlay(
  o: Overlay,
  base: Readonly<Record<string, Json>> | undefined,
  key: string,
  value: Json | null,
): void {
  const present = o.values.has(key)
    ? o.values.get(key) !== DELETED
    : base !== undefined && Object.prototype.hasOwnProperty.call(base, key);
  if (value === null) {
    o.values.set(key, DELETED);
    o.added.delete(key);
    return;
  }
  o.values.set(key, value);
  // A key (re)created after the keyframe goes last, as in a plain object.
  if (!present) {
    o.added.delete(key);
    o.added.add(key);
  }
}

const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

/**
 * A read-only object that reads as `base` with `o` applied: same keys, same
 * order (array-index keys first, ascending, as V8 orders a plain object),
 * same values. Writes throw. The key list is built only if someone lists keys.
 */
function overlayView(base: Readonly<Record<string, Json>>, o: Overlay): Record<string, Json> {
  let keys: string[] | null = null;
  const own = (p: string | symbol): boolean => {
    if (typeof p !== 'string') return false;
    const v = o.values.get(p);
    if (v !== undefined) return v !== DELETED;
    return Object.prototype.hasOwnProperty.call(base, p);
  };
  const listKeys = (): string[] => {
    if (keys) return keys;
    const out: string[] = [];
    for (const k of Object.keys(base)) {
      if (!o.values.has(k) || (o.values.get(k) !== DELETED && !o.added.has(k))) out.push(k);
    }
    for (const k of o.added) out.push(k);
    const idx = out.filter((k) => ARRAY_INDEX.test(k) && Number(k) < 2 ** 32 - 1);
    if (idx.length) {
      const rest = out.filter((k) => !(ARRAY_INDEX.test(k) && Number(k) < 2 ** 32 - 1));
      idx.sort((a, b) => Number(a) - Number(b));
      keys = [...idx, ...rest];
    } else keys = out;
    return keys;
  };
  const get = (p: string): Json | undefined => {
    const v = o.values.get(p);
    if (v !== undefined) return v === DELETED ? undefined : v;
    return base[p];
  };
  const target: Record<string, Json> = {};
  return new Proxy(target, {
    get: (t, p): unknown =>
      typeof p === 'string' && own(p) ? get(p) : (Reflect.get(t, p) as unknown),
    has: (t, p) => own(p) || Reflect.has(t, p),
    ownKeys: () => listKeys(),
    getOwnPropertyDescriptor: (_t, p) =>
      own(p)
        ? { value: get(p as string), writable: true, enumerable: true, configurable: true }
        : undefined,
    set: () => false,
    deleteProperty: () => false,
    defineProperty: () => false,
  });
}

function cloneState(s: TraceState): TraceState {
  return {
    index: s.index,
    nodes: { ...s.nodes },
    data: { ...s.data },
    narration: s.narration,
    metrics: { ...s.metrics },
    inFlight: { ...s.inFlight },
  };
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
