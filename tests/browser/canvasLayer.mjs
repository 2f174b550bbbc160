// Browser check of the Stage's canvas packet layer, called from run.mjs:
// twitter-fanout with every packet drawn (5,000 followers, fast reads, a slow
// network) has thousands of packets in flight; the Stage must draw them on
// its canvas (non-blank pixels, no SVG pills, no "+N more") without console
// errors, at 1280x800 and 640x400, in light and dark themes.
import { join } from 'node:path';

/** Many packets in flight: every fan-out write is its own packet on a 2.5 ms link. */
const QUERY =
  's=twitter-fanout&p.followers=5000&p.packets=individual&p.readsPerSec=100000&p.rttUs=5000&f=5320';

/** Runs the checks; `check(name, ok, detail)` records each; returns screenshot paths. */
export async function canvasLayer(browser, base, shots, check) {
  const paths = [];
  for (const [w, h, theme] of [
    [1280, 800, 'light'],
    [640, 400, 'dark'],
  ]) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    const errors = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    try {
      await page.goto(`${base}/?${QUERY}&theme=${theme}`);
      await page.locator('section.player[data-whole=true]').waitFor({ timeout: 120_000 });
      await page.locator('.packet-canvas').waitFor({ timeout: 120_000 });
      const seen = await page.evaluate(async () => {
        for (let i = 0; i < 2; i++) await new Promise((ok) => requestAnimationFrame(ok));
        const canvas = document.querySelector('.packet-canvas');
        const label = document.querySelector('.stage svg')?.getAttribute('aria-label') ?? '';
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
        return {
          inFlight: Number(/(\d+) packets in flight/.exec(label)?.[1] ?? 0),
          painted,
          size: [canvas.width, canvas.height, canvas.clientWidth, canvas.clientHeight],
          dpr: devicePixelRatio,
          svgPills: document.querySelectorAll('[data-packet]').length,
          more: document.querySelector('.stage .more')?.textContent ?? '',
        };
      });
      const tag = `${w}x${h} ${theme}`;
      check(
        `canvas layer ${tag}: ${seen.inFlight} packets in flight drawn on the canvas, none as SVG, none hidden`,
        seen.inFlight > 1000 && seen.svgPills === 0 && seen.more === '',
        JSON.stringify(seen),
      );
      check(
        `canvas layer ${tag}: the canvas has painted pixels, sized to the stage times devicePixelRatio`,
        seen.painted > 2000 &&
          seen.size[0] === Math.round(seen.size[2] * seen.dpr) &&
          seen.size[1] === Math.round(seen.size[3] * seen.dpr),
        JSON.stringify(seen),
      );
      const file = join(shots, `canvas-layer-twitter-fanout-${w}x${h}-${theme}.png`);
      await page.screenshot({ path: file });
      paths.push(file);
      check(
        `canvas layer ${tag}: no console errors`,
        errors.length === 0,
        errors.join('\n       '),
      );
    } finally {
      await page.close();
    }
  }
  return paths;
}
