// Playback cost in headless Chromium, on the built app (run `npm run build` first).
// - idleBusyPct: main-thread busy % while pubsub-chat plays at 8×: the growth of
//   CDP Performance.getMetrics' TaskDuration over the wall time of the window.
// - persistenceFps / memoryHierarchyFps: animation frames per second (rAF
//   callbacks counted in the page) while each plays at 8×, in the same browser.
// - baselineBusyPct / baselineFps: a bare page running an empty rAF loop, same
//   browser, same run: what "doing nothing but animating" costs on this machine.
// Each window is checked to have been spent playing (the frame counter moved and
// the run did not end); a window that was not is an error, not a figure.
// - idleCpuPct: the same window's main-thread CPU time (ThreadTime) over wall
//   time. On a loaded machine a task waits for a CPU and its wall time counts as
//   busy; CPU time does not, so the two together say which is which.
// Usage: node tests/bench/playbackBench.mjs [--json] [--seconds=5] [--reps=2] [--profile=ID]
import { writeFileSync } from 'node:fs';
import { launch, preflight, serveDist } from '../browser/serve.mjs';

const arg = (name, d) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? d;
const SECONDS = Number(arg('seconds', '5'));
const PROFILE = arg('profile', '');

/** Counts rAF callbacks from now on into window.__frames (injected before any page script). */
const COUNTER = `(() => {
  window.__frames = 0;
  const tick = () => { window.__frames++; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})();`;

/** Main-thread seconds in tasks (wall time, so it counts waiting for a CPU too) and on a CPU. */
async function threadSeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (n) => metrics.find((m) => m.name === n).value;
  return { task: get('TaskDuration'), cpu: get('ThreadTime') };
}

/** Busy %, CPU % and fps over SECONDS of wall time on a page already doing its thing. */
async function measure(page, cdp) {
  const f0 = await page.evaluate(() => window.__frames);
  const a = await threadSeconds(cdp);
  const t0 = Date.now();
  await page.waitForTimeout(SECONDS * 1000);
  const b = await threadSeconds(cdp);
  const f1 = await page.evaluate(() => window.__frames);
  const wall = (Date.now() - t0) / 1000;
  return {
    busyPct: (100 * (b.task - a.task)) / wall,
    cpuPct: (100 * (b.cpu - a.cpu)) / wall,
    fps: (f1 - f0) / wall,
  };
}

async function openPlaying(browser, base, id) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(COUNTER);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${base}/?s=${id}&speed=8&autoplay=1`);
  await page.locator('.clock .frame').waitFor({ timeout: 180_000 });
  await page.locator('.progress-overlay').waitFor({ state: 'detached', timeout: 180_000 });
  // Let the first frames settle (fonts, layout) before the window opens.
  await page.waitForTimeout(500);
  return { page, cdp, errors };
}

/**
 * A short run ends within the window: press Play again (it restarts from frame
 * 0) when it does. Also counts how often the frame counter moved, to prove the
 * window was spent playing.
 */
const LOOP = () => {
  window.__restarts = 0;
  window.__moves = 0;
  let last = '';
  setInterval(() => {
    const f = document.querySelector('.clock .frame')?.textContent ?? '';
    if (f !== last) window.__moves++;
    last = f;
    const b = document.querySelector('button[aria-label="Play"]');
    if (b) {
      window.__restarts++;
      b.click();
    }
  }, 50);
};

async function playing(browser, base, id) {
  const { page, cdp, errors } = await openPlaying(browser, base, id);
  await page.evaluate(LOOP);
  if (PROFILE === id) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
  const m = await measure(page, cdp);
  if (PROFILE === id) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(`/tmp/${id}.cpuprofile`, JSON.stringify(profile));
    console.error(`profile: /tmp/${id}.cpuprofile`);
  }
  const { restarts, moves } = await page.evaluate(() => ({
    restarts: window.__restarts,
    moves: window.__moves,
  }));
  if (moves < SECONDS) throw new Error(`${id} did not play in the window (${moves} frame changes)`);
  if (errors.length) throw new Error(`${id}: page errors: ${errors.join('; ')}`);
  await page.close();
  return { ...m, restarts };
}

async function bare(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(COUNTER);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.setContent('<!doctype html><title>bare</title><p>bare rAF loop</p>');
  await page.evaluate(COUNTER);
  await page.waitForTimeout(500);
  const m = await measure(page, cdp);
  await page.close();
  return m;
}

const REPS = Number(arg('reps', '2'));
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Every figure of the report, each the mean over REPS rounds (scenarios in turn within a round). */
export async function playbackBench() {
  preflight();
  const { base, close } = await serveDist();
  const browser = await launch();
  try {
    const runs = { bare: [], chat: [], mem: [], per: [] };
    for (let r = 0; r < REPS; r++) {
      runs.bare.push(await bare(browser));
      runs.chat.push(await playing(browser, base, 'pubsub-chat'));
      runs.mem.push(await playing(browser, base, 'memory-hierarchy'));
      runs.per.push(await playing(browser, base, 'persistence-rdb-vs-aof'));
    }
    const m = (k, f) => Number(mean(runs[k].map((x) => x[f])).toFixed(1));
    return {
      idleBusyPct: m('chat', 'busyPct'),
      idleCpuPct: m('chat', 'cpuPct'),
      persistenceFps: m('per', 'fps'),
      memoryHierarchyFps: m('mem', 'fps'),
      persistenceVsMemoryFps: Number((m('per', 'fps') / m('mem', 'fps')).toFixed(2)),
      persistenceBusyPct: m('per', 'busyPct'),
      memoryHierarchyBusyPct: m('mem', 'busyPct'),
      chatFps: m('chat', 'fps'),
      baselineBusyPct: m('bare', 'busyPct'),
      baselineCpuPct: m('bare', 'cpuPct'),
      baselineFps: m('bare', 'fps'),
    };
  } finally {
    await browser.close();
    await close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await playbackBench();
  console.log(process.argv.includes('--json') ? JSON.stringify(r) : r);
}
