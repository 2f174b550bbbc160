// Visual QA: screenshots of every scenario at 1280x800 and 640x400 (the iframe
// size), light and dark, at the start and ~60% through. Not a test; look at them.
// Usage: node tests/browser/shots.mjs [id ...] [--dark] [--at=0.6]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, preflight, scenarioIds, serveDist, shots } from './serve.mjs';

preflight();
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const themes = args.includes('--dark')
  ? ['dark']
  : args.includes('--both')
    ? ['light', 'dark']
    : ['light'];
const at = Number(args.find((a) => a.startsWith('--at='))?.slice(5) ?? 0.6);
const { base, close } = await serveDist();
const browser = await launch();
mkdirSync(shots, { recursive: true });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
  const ids = only.length ? only : await scenarioIds(page, base);
  for (const theme of themes)
    for (const [w, h] of [
      [1280, 800],
      [640, 400],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      for (const id of ids) {
        await page.goto(`${base}/?s=${id}&theme=${theme}`);
        await page.locator('section.player[data-whole=true]').waitFor();
        const total = await page.evaluate(() => {
          const m = /\/ (\d+)/.exec(document.querySelector('.clock .frame')?.textContent ?? '');
          return m ? Number(m[1]) : 0;
        });
        for (const [tag, f] of [
          ['start', 0],
          ['mid', Math.round((total - 1) * at)],
        ]) {
          await page.goto(`${base}/?s=${id}&theme=${theme}&f=${f}`);
          await page.locator('section.player[data-whole=true]').waitFor();
          await page.waitForTimeout(150);
          const file = join(shots, `${id}-${tag}-${w}x${h}${theme === 'dark' ? '-dark' : ''}.png`);
          await page.screenshot({ path: file });
          console.log(file, `frame ${f}/${total}`);
        }
      }
    }
} finally {
  await browser.close();
  await close();
}
