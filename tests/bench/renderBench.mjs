// The browser part of `npm run bench`: p95 of requestAnimationFrame intervals
// in headless Chromium while the real Stage animates 5,000 packets in flight
// (renderP95FrameMs), beside a bare page drawing 5,000 moving circles on a
// canvas (canvasBaselineP95Ms: the physical limit here) and the same with 5,000
// SVG circles (svgBaselineP95Ms), in the same browser in the same run.
// The Stage harness (tests/bench/stage) is built here into a temporary folder,
// as one HTML file; it is never part of the app's build.
//
// Alone: `node tests/bench/renderBench.mjs [--threshold] [--shots]`
//   --threshold  p95 of SVG vs canvas Stage layers at 50 to 5,000 packets in
//                flight (how packetCanvas.ts's CANVAS_ABOVE was chosen);
//   --shots      the same frame drawn by each layer, 1280x800 and 640x400,
//                light and dark, into tests/browser/screenshots/.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
export const CIRCLES = 5_000;
const WARM_MS = 1_000;
const MEASURE_MS = 5_000;

/** p95 of a list of intervals, in ms with one decimal. */
function p95(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  return Number(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))].toFixed(1));
}

/** Builds the Stage harness into one self-contained HTML file; returns its text. */
async function buildHarness() {
  const { build } = await import('vite');
  const { svelte } = await import('@sveltejs/vite-plugin-svelte');
  const { viteSingleFile } = await import('vite-plugin-singlefile');
  const { default: svelteConfig } = await import(pathToFileURL(join(root, 'svelte.config.js')));
  const out = mkdtempSync(join(tmpdir(), 'stage-bench-'));
  try {
    await build({
      configFile: false,
      root: join(root, 'tests/bench/stage'),
      base: './',
      logLevel: 'error',
      plugins: [svelte({ ...svelteConfig, configFile: false }), viteSingleFile()],
      build: { outDir: out, emptyOutDir: true },
    });
    return readFileSync(join(out, 'index.html'), 'utf8');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** A bare page moving `n` circles each frame, drawn on a canvas or as SVG elements. */
function baselinePage(kind, n) {
  const common = `
    const W = innerWidth, H = innerHeight, n = ${n};
    const x = new Float64Array(n), y = new Float64Array(n), v = new Float64Array(n);
    for (let i = 0; i < n; i++) { x[i] = (i * 0.618034 % 1) * W; y[i] = (i * 0.41421 % 1) * H; v[i] = 0.5 + (i % 7) * 0.2; }
    const move = (i) => { x[i] = (x[i] + v[i]) % W; };`;
  const draw =
    kind === 'canvas'
      ? `
    const c = document.createElement('canvas');
    c.width = W; c.height = H; document.body.append(c);
    const g = c.getContext('2d');
    const frame = () => {
      g.clearRect(0, 0, W, H);
      g.fillStyle = '#d6e6ff'; g.strokeStyle = '#3b72d9';
      for (let i = 0; i < n; i++) { move(i); g.beginPath(); g.arc(x[i], y[i], 5, 0, 6.2832); g.fill(); g.stroke(); }
      requestAnimationFrame(frame);
    };`
      : `
    const NS = 'http://www.w3.org/2000/svg';
    const s = document.createElementNS(NS, 'svg');
    s.setAttribute('width', W); s.setAttribute('height', H); document.body.append(s);
    const cs = [];
    for (let i = 0; i < n; i++) {
      const e = document.createElementNS(NS, 'circle');
      e.setAttribute('r', '5'); e.setAttribute('fill', '#d6e6ff'); e.setAttribute('stroke', '#3b72d9');
      s.append(e); cs.push(e);
    }
    const frame = () => {
      for (let i = 0; i < n; i++) { move(i); cs[i].setAttribute('cx', x[i]); cs[i].setAttribute('cy', y[i]); }
      requestAnimationFrame(frame);
    };`;
  return `<!doctype html><html><head><style>html,body{margin:0;overflow:hidden}</style></head><body><script>
    ${common}${draw}
    requestAnimationFrame(frame);
    window.stageBench = { measure: (warmMs, ms) => new Promise((done) => {
      const out = []; let begin = null, last = null;
      const step = (now) => {
        begin ??= now;
        if (now - begin >= warmMs && last !== null) out.push(now - last);
        last = now;
        if (now - begin < warmMs + ms) requestAnimationFrame(step); else done(out);
      };
      requestAnimationFrame(step);
    }) };
  </script></body></html>`;
}

/**
 * Loads `html` at a made-up http address with `query` (the harness reads its
 * options from location.search); nothing listens there, the page is routed in memory.
 */
async function open(page, html, query) {
  await page.route('http://render-bench.invalid/**', (route) =>
    route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
  );
  await page.goto(`http://render-bench.invalid/${query}`);
}

/**
 * Opens a page (harness or baseline) and returns the p95 rAF interval while it
 * animates, the frame count, and the main thread's busy ms per frame (Chrome
 * DevTools Protocol `Performance.getMetrics`, TaskDuration).
 */
async function p95Of(browser, html, errors, query = '') {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await open(page, html, query);
    await page.waitForFunction(() => 'stageBench' in window, null, { timeout: 60_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const busy = async () =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')
        .value;
    await page.waitForTimeout(WARM_MS);
    const before = await busy();
    const intervals = await page.evaluate(
      ([w, m]) => window.stageBench.measure(w, m),
      [0, MEASURE_MS],
    );
    const taskMs = ((await busy()) - before) * 1000;
    return {
      p95: p95(intervals),
      frames: intervals.length,
      taskMsPerFrame: Number((taskMs / Math.max(1, intervals.length)).toFixed(1)),
    };
  } finally {
    await page.close();
  }
}

async function launchChromium() {
  if (!existsSync(chromePath)) {
    throw new Error(
      'Chromium not found: install it with `apt-get install -y chromium` or set CHROME_PATH',
    );
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromePath,
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
}

/**
 * renderP95FrameMs, canvasBaselineP95Ms and svgBaselineP95Ms, measured in
 * alternation (twice each, mean of the two) so load on the machine hits all three alike.
 * @returns {Promise<{ renderP95FrameMs: number; canvasBaselineP95Ms: number; svgBaselineP95Ms: number }>}
 */
export async function renderBench() {
  const harness = await buildHarness();
  const browser = await launchChromium();
  const errors = [];
  try {
    const runs = { stage: [], canvas: [], svg: [] };
    for (let r = 0; r < 2; r++) {
      runs.canvas.push((await p95Of(browser, baselinePage('canvas', CIRCLES), errors)).p95);
      runs.stage.push((await p95Of(browser, harness, errors, `?n=${CIRCLES}`)).p95);
      runs.svg.push((await p95Of(browser, baselinePage('svg', CIRCLES), errors)).p95);
    }
    if (errors.length) throw new Error(`render bench pages logged errors: ${errors.join('; ')}`);
    const mid = (xs) => Number(((xs[0] + xs[1]) / 2).toFixed(1));
    return {
      renderP95FrameMs: mid(runs.stage),
      canvasBaselineP95Ms: mid(runs.canvas),
      svgBaselineP95Ms: mid(runs.svg),
    };
  } finally {
    await browser.close();
  }
}

/** SVG vs canvas Stage layers over packets in flight: where SVG stops keeping up. */
async function threshold() {
  const harness = await buildHarness();
  const browser = await launchChromium();
  const errors = [];
  try {
    for (const n of [10, 25, 50, 100, 400, 1600, 5000]) {
      const svg = await p95Of(browser, harness, errors, `?n=${n}&layer=svg`);
      const canvas = await p95Of(browser, harness, errors, `?n=${n}&layer=canvas`);
      console.log(
        `${String(n).padStart(5)} in flight: svg p95 ${svg.p95} ms, ${svg.taskMsPerFrame} ms busy a frame (${svg.frames} frames); canvas p95 ${canvas.p95} ms, ${canvas.taskMsPerFrame} ms busy a frame (${canvas.frames} frames); busy svg/canvas ${(svg.taskMsPerFrame / canvas.taskMsPerFrame).toFixed(1)}`,
      );
    }
    if (errors.length) console.log(`errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
  }
}

/** The same frozen frame drawn by each layer, at both sizes and in both themes. */
async function shots() {
  const harness = await buildHarness();
  const browser = await launchChromium();
  const dir = join(root, 'tests/browser/screenshots');
  mkdirSync(dir, { recursive: true });
  try {
    for (const theme of ['light', 'dark'])
      for (const [w, h] of [
        [1280, 800],
        [640, 400],
      ])
        for (const layer of ['svg', 'canvas']) {
          const page = await browser.newPage({ viewport: { width: w, height: h } });
          page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
          await open(page, harness, `?n=600&t=0.37&layer=${layer}&theme=${theme}`);
          await page.waitForFunction(() => 'stageBench' in window);
          await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok(null))));
          const file = join(dir, `stage-${layer}-${w}x${h}-${theme}.png`);
          await page.screenshot({ path: file });
          console.log(file);
          await page.close();
        }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--threshold')) await threshold();
  else if (process.argv.includes('--shots')) await shots();
  else console.log(JSON.stringify(await renderBench()));
}
