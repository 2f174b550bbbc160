/**
 * Bench harness, built only by tests/bench/renderBench.mjs (never shipped):
 * the real Stage.svelte with `n` packets in flight on ten nodes, moving as
 * the Player would move them. Query: n, layer (auto | svg | canvas), theme,
 * t (freeze display time at this fraction of a flight, for screenshots).
 * `window.stageBench.measure(warmMs, ms)` resolves to requestAnimationFrame
 * intervals while the stage animates.
 */
import { mount } from 'svelte';
import '../../../src/views/app.css';
import type { Packet, Topology, TraceState } from '../../../src/sim';
import { Trace } from '../../../src/sim/trace';
import Stage from '../../../src/views/Stage.svelte';
import { CANVAS_ABOVE } from '../../../src/views/packetCanvas';

const q = new URLSearchParams(location.search);
const n = Number(q.get('n') ?? 5000);
const layer = q.get('layer') ?? 'auto';
const frozen = q.has('t') ? Number(q.get('t')) : null;
document.documentElement.dataset.theme = q.get('theme') === 'dark' ? 'dark' : 'light';

const webs = Array.from({ length: 8 }, (_, i) => `web-${i + 1}`);
const topology: Topology = {
  nodes: [
    ...webs.map((id) => ({ id, kind: 'webServer' })),
    { id: 'redis', kind: 'redis' },
    { id: 'postgres', kind: 'postgres' },
  ],
  links: webs.flatMap((w): [string, string][] => [
    [w, 'redis'],
    [w, 'postgres'],
  ]),
};
const layout = Object.fromEntries([
  ...webs.map((id, i) => [id, [0, i] as [number, number]]),
  ['redis', [1, 2] as [number, number]],
  ['postgres', [1, 5] as [number, number]],
]);

/** One flight takes this much simulated time; display time covers it in FLIGHT_WALL_MS. */
const FLIGHT_NS = 1_000_000;
const FLIGHT_WALL_MS = 2_000;
const LABELS = [
  'GET user:42',
  'LPUSH timeline:7 9001',
  'SELECT … FROM tweets',
  '"OK"',
  '(integer) 800',
];

// Packet i rides lane i mod 32 (16 links, both ways), one flight after another,
// its phase spread by the golden ratio so each lane holds a steady stream.
const phase = Float64Array.from({ length: n }, (_, i) => ((i * 0.6180339887) % 1) * FLIGHT_NS);
const gen = new Int32Array(n).fill(-1);
const packets: Packet[] = new Array<Packet>(n);

function packetAt(i: number, tNs: number): Packet {
  const g = Math.floor((tNs + phase[i]) / FLIGHT_NS);
  if (gen[i] === g) return packets[i];
  gen[i] = g;
  const lane = i % (topology.links.length * 2);
  const [a, b] = topology.links[lane >> 1];
  const forward = (lane & 1) === 0;
  const sentNs = g * FLIGHT_NS - phase[i];
  packets[i] = {
    id: g * n + i + 1,
    from: forward ? a : b,
    to: forward ? b : a,
    kind: forward ? 'request' : i % 7 === 0 ? 'error' : 'reply',
    label: LABELS[i % LABELS.length],
    sentNs,
    deliverNs: sentNs + FLIGHT_NS,
    bytes: 40,
    payload: null,
  };
  return packets[i];
}

function viewAt(tNs: number): TraceState {
  const inFlight: Record<number, Packet> = {};
  for (let i = 0; i < n; i++) {
    const p = packetAt(i, tNs);
    inFlight[p.id] = p;
  }
  return { index: 0, nodes: {}, data: {}, narration: null, metrics: {}, inFlight };
}

const t0 = frozen === null ? FLIGHT_NS * 10 : FLIGHT_NS * (10 + frozen);
// Raw state, as the app's view is a derived value: a deep proxy over 5,000
// packets would measure Svelte's proxies, not the Stage.
let view = $state.raw(viewAt(t0));
let tNs = $state(t0);
mount(Stage, {
  target: document.getElementById('stage')!,
  props: {
    topology,
    trace: new Trace([]),
    layout,
    canvasAbove: layer === 'svg' ? Infinity : layer === 'canvas' ? -1 : CANVAS_ABOVE,
    get view() {
      return view;
    },
    get tNs() {
      return tNs;
    },
  },
});

let startWall: number | null = null;
function tick(now: number): void {
  startWall ??= now;
  const t = t0 + ((now - startWall) * FLIGHT_NS) / FLIGHT_WALL_MS;
  view = viewAt(t);
  tNs = t;
  requestAnimationFrame(tick);
}
if (frozen === null) requestAnimationFrame(tick);

/** rAF intervals (ms) over `ms` of wall time, after `warmMs` of warm-up. */
function measure(warmMs: number, ms: number): Promise<number[]> {
  return new Promise((done) => {
    const out: number[] = [];
    let begin: number | null = null;
    let last: number | null = null;
    const step = (now: number): void => {
      begin ??= now;
      if (now - begin >= warmMs && last !== null) out.push(now - last);
      last = now;
      if (now - begin < warmMs + ms) requestAnimationFrame(step);
      else done(out);
    };
    requestAnimationFrame(step);
  });
}

const w = window as unknown as { stageBench: unknown };
w.stageBench = {
  measure,
  inFlight: n,
  drawn: () => ({
    canvas: document.querySelectorAll('canvas').length,
    svgPills: document.querySelectorAll('[data-packet]').length,
  }),
};
