// Timing and screenshots of "Crash and recover" (persistence-rdb-vs-aof) in
// headless Chromium: time to the first frame, time to re-run and redraw after
// the crash moment changes (at defaults and at the top of the ranges), and
// screenshots at the start, mid-run, crash, LOADING and last frames at 1280x800
// and 640x400. Reports numbers; asserts nothing. Run after `npm run build`.
// Usage: node tests/browser/persistence.mjs [--frames=0,184,304,305,309]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, preflight, serveDist, shots } from './serve.mjs';

preflight();
const ID = 'persistence-rdb-vs-aof';
const frames = (
  process.argv.find((a) => a.startsWith('--frames='))?.slice(9) ?? '0,184,304,305,309'
)
  .split(',')
  .map(Number);
const { base, close } = await serveDist();
const browser = await launch();
mkdirSync(shots, { recursive: true });
const frameText = (page) => page.locator('.clock .frame').textContent();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
  for (const [label, query] of [
    ['defaults', ''],
    // Again: a learner's browser is already running, so this is the usual case.
    ['defaults, browser warm', ''],
    [
      'top of ranges',
      '&p.writesPerSec=100&p.crashAtSec=300&p.snapshotEverySec=5&p.restartAfterSec=30',
    ],
  ]) {
    const t0 = Date.now();
    await page.goto(`${base}/?s=${ID}${query}`);
    await page.locator('.scoreboard').waitFor({ timeout: 180_000 });
    const open = Date.now() - t0;
    // Re-run: move the crash through the Parameters panel's value (what the chart's click does).
    const before = await frameText(page);
    const t1 = Date.now();
    const svg = page.locator('.persist svg');
    const box = await svg.boundingBox();
    await svg.click({ position: { x: (box?.width ?? 400) * 0.4, y: 10 } });
    await page.waitForFunction(
      (b) => document.querySelector('.clock .frame')?.textContent !== b,
      before,
      {
        timeout: 120_000,
      },
    );
    await page.locator('.progress-overlay').waitFor({ state: 'detached', timeout: 120_000 });
    const rerun = Date.now() - t1;
    // Scrub: step forward 20 times, timing each redraw.
    const stepMs = await page.evaluate(async () => {
      const times = [];
      const stage = document.querySelector('[aria-label^="Stage"]');
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        stage?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      return Math.round(times[Math.floor(times.length / 2)]);
    });
    console.log(
      `${label}: open ${open} ms · re-run after a crash click ${rerun} ms · step redraw p50 ${stepMs} ms (one rAF incl.)`,
    );
  }
  for (const [w, h] of [
    [1280, 800],
    [640, 400],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    for (const f of frames) {
      await page.goto(`${base}/?s=${ID}&f=${f}`);
      await page.locator('.scoreboard').waitFor({ timeout: 180_000 });
      await page.waitForTimeout(200);
      const file = join(shots, `${ID}-f${f}-${w}x${h}.png`);
      await page.screenshot({ path: file });
      console.log(file);
    }
  }
} finally {
  await browser.close();
  await close();
}
