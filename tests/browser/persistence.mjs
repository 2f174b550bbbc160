// Timing and screenshots of "Crash and recover" (persistence-rdb-vs-aof) in
// headless Chromium: time to the first frame (a preview of the run's start while
// the rest computes) and to the whole run, time to re-run and redraw after
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
/**
 * Installed before any page script: window.__firstFrame and __wholeRun resolve
 * to performance.now() at the animation frame after the scoreboard first shows
 * and after it shows with no preview strip (the whole run).
 */
const FRAME_TIMES = `(() => {
  const when = (test) => new Promise((resolve) => {
    const check = () => {
      if (!test()) return false;
      requestAnimationFrame(() => resolve(Math.round(performance.now())));
      return true;
    };
    const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
    addEventListener('DOMContentLoaded', () => { if (!check()) mo.observe(document, { subtree: true, childList: true }); });
  });
  window.__firstFrame = when(() => document.querySelector('.scoreboard'));
  window.__wholeRun = when(() => document.querySelector('.scoreboard') && !document.querySelector('.progress-strip'));
})();`;
const frameText = (page) => page.locator('.clock .frame').textContent();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
  await page.addInitScript(FRAME_TIMES);
  for (const [label, query] of [
    ['defaults', ''],
    // Again: a learner's browser is already running, so this is the usual case.
    ['defaults, browser warm', ''],
    [
      'top of ranges',
      '&p.writesPerSec=100&p.crashAtSec=300&p.snapshotEverySec=5&p.restartAfterSec=30',
    ],
  ]) {
    await page.goto(`${base}/?s=${ID}${query}`);
    // Timed in the page (a busy page answers the test's polling late): from the
    // navigation's start to the frame that first shows the scoreboard (a preview
    // of the run's start while the rest computes, or the whole run), and to the
    // frame where the whole run is on screen.
    const { open, whole } = await page.evaluate(() =>
      window.__firstFrame.then((open) => window.__wholeRun.then((whole) => ({ open, whole }))),
    );
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
      `${label}: first frame ${open} ms, whole run ${whole} ms · re-run after a crash click ${rerun} ms · step redraw p50 ${stepMs} ms (one rAF incl.)`,
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
