/**
 * `npm run bench [-- --json]`: speed of the model, as ratios against a
 * baseline measured in the same run (so a slow machine does not read as a
 * regression). Not a test: it asserts nothing; it reports.
 *
 * - engineEventsPerSec: the Engine running a hold-model workload of >= 1,000,000
 *   events (each event schedules the next with a seeded delay), callbacks included.
 * - heapOpsPerSec: a bare EventHeap doing the same pushes and pops (push+pop = 1 op).
 * - engineVsHeap: engine / heap throughput (1.0 would mean the engine adds nothing).
 * - seekMedianMs: median time to rebuild the state at a random frame of a trace
 *   of `traceEntries` (>= 100,000) entries.
 * - fanout1MComputeMs: median time to compute twitter-fanout (run and measure) at
 *   1,000,000 followers, defaults otherwise (target: <= 2,000 ms in Node).
 * - fanoutScaling: that time over the time at 100,000 followers (target: <= 12;
 *   flows make the cost grow with the number of flows, not of followers).
 * - idleBusyPct, persistenceFps, memoryHierarchyFps (and their baselines):
 *   playback in headless Chromium on the built app, see playbackBench.mjs.
 * - renderP95FrameMs, canvasBaselineP95Ms, svgBaselineP95Ms: headless Chromium,
 *   see renderBench.mjs.
 */
import { performance } from 'node:perf_hooks';
import { runScenario } from '../../src/scenarios';
import { Engine } from '../../src/sim/engine';
import { EventHeap } from '../../src/sim/heap';
import { createRng } from '../../src/sim/rng';
import { Trace } from '../../src/sim/trace';
import type { TraceEntry } from '../../src/sim/traceEntry';
import { playbackBench } from './playbackBench.mjs';
import { renderBench } from './renderBench.mjs';

const EVENTS = 1_000_000;
const PENDING = 1_000;

function delays(seed: number, n: number): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(1, 10_000);
  return out;
}

function engineRun(d: Float64Array): number {
  const e = new Engine();
  let i = 0;
  let sink = 0;
  const task = (): void => {
    sink += e.nowNs & 1;
    if (i < d.length) e.schedule(d[i++], task);
  };
  for (let k = 0; k < PENDING; k++) e.schedule(d[i++], task);
  const t0 = performance.now();
  e.run();
  const ms = performance.now() - t0;
  if (e.executed < d.length || sink < 0) throw new Error(`engine ran only ${e.executed} events`);
  return (e.executed / ms) * 1000;
}

function heapRun(d: Float64Array): number {
  const h = new EventHeap<number>();
  let i = 0;
  let seq = 0;
  let now = 0;
  let ops = 0;
  for (let k = 0; k < PENDING; k++) h.push(d[i++], 0, seq++, 0);
  const t0 = performance.now();
  while (h.size > 0) {
    now = h.peekTime();
    h.pop();
    ops++;
    if (i < d.length) h.push(now + d[i++], 0, seq++, 0);
  }
  const ms = performance.now() - t0;
  return (ops / ms) * 1000;
}

function bigTrace(entries: number): Trace {
  const rng = createRng(7);
  const out: TraceEntry[] = [];
  let t = 0;
  let id = 1;
  const open: number[] = [];
  while (out.length < entries) {
    t += rng.int(100, 5_000);
    const r = rng.next();
    if (r < 0.3 || open.length === 0) {
      const p = {
        id: id++,
        from: `web-${rng.int(1, 9)}`,
        to: 'redis',
        kind: 'request' as const,
        label: 'GET user',
        sentNs: t,
        deliverNs: t + 500,
        bytes: 60,
        payload: null,
      };
      open.push(p.id);
      out.push({ k: 'send', t, p });
    } else if (r < 0.6) {
      out.push({ k: 'deliver', t, id: open.splice(rng.int(0, open.length - 1), 1)[0] });
    } else if (r < 0.9) {
      out.push({
        k: 'data',
        t,
        node: 'redis',
        key: `user:${rng.int(1, 5_000)}`,
        value: { type: 'string', value: 'x', expiresAtMs: null },
      });
    } else {
      out.push({ k: 'state', t, node: 'redis', value: rng.chance(0.5) ? 'busy' : 'idle' });
    }
  }
  return new Trace(out);
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median ms to run twitter-fanout (trace and outcome) at `followers`. */
function fanoutMs(followers: number): number {
  const ms: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    runScenario('twitter-fanout', { params: { followers }, seed: 1 });
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

async function main(): Promise<void> {
  const d = delays(1, EVENTS);
  // Warm both paths once so the JIT treats them alike, then measure in alternation.
  engineRun(d.subarray(0, 100_000));
  heapRun(d.subarray(0, 100_000));
  const engine: number[] = [];
  const heap: number[] = [];
  for (let r = 0; r < 3; r++) {
    heap.push(heapRun(d));
    engine.push(engineRun(d));
  }
  const trace = bigTrace(100_000);
  const rng = createRng(3);
  const seeks: number[] = [];
  for (let k = 0; k < 300; k++) {
    const f = rng.int(0, trace.frames.length - 1);
    const t0 = performance.now();
    trace.stateAtFrame(f);
    seeks.push(performance.now() - t0);
  }
  const result = {
    engineEventsPerSec: Math.round(median(engine)),
    heapOpsPerSec: Math.round(median(heap)),
    engineVsHeap: Number((median(engine) / median(heap)).toFixed(3)),
    seekMedianMs: Number(median(seeks).toFixed(4)),
    traceEntries: trace.entries.length,
    fanout1MComputeMs: 0,
    fanoutScaling: 0,
  };
  fanoutMs(1_000); // warm the scenario's code paths
  const fanout100k = fanoutMs(100_000);
  result.fanout1MComputeMs = Number(fanoutMs(1_000_000).toFixed(1));
  result.fanoutScaling = Number((result.fanout1MComputeMs / fanout100k).toFixed(2));
  const playback = await playbackBench();
  const render = await renderBench();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ ...result, ...playback, ...render }));
  } else {
    console.log(`engine  ${result.engineEventsPerSec.toLocaleString()} events/s`);
    console.log(`heap    ${result.heapOpsPerSec.toLocaleString()} push+pop/s`);
    console.log(`ratio   engine/heap = ${result.engineVsHeap}`);
    console.log(
      `seek    median ${result.seekMedianMs} ms on a ${result.traceEntries.toLocaleString()}-entry trace`,
    );
    console.log(
      `fanout  ${result.fanout1MComputeMs} ms at 1,000,000 followers; ${result.fanoutScaling}× the time at 100,000`,
    );
    console.log(
      `play    pubsub-chat at 8×: main thread ${playback.idleBusyPct}% busy, ${playback.idleCpuPct}% on a CPU (bare rAF page: ${playback.baselineBusyPct}% / ${playback.baselineCpuPct}%)`,
    );
    console.log(
      `fps     at 8×: persistence-rdb-vs-aof ${playback.persistenceFps}, memory-hierarchy ${playback.memoryHierarchyFps} (ratio ${playback.persistenceVsMemoryFps}; bare rAF page ${playback.baselineFps})`,
    );
    console.log(
      `render  p95 frame ${render.renderP95FrameMs} ms with 5,000 packets in flight; 5,000 circles: canvas ${render.canvasBaselineP95Ms} ms, SVG ${render.svgBaselineP95Ms} ms`,
    );
  }
}

await main();
