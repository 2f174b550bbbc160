// Accessibility check of the built app with axe-core in headless Chromium
// (where colour contrast is measured): the home page and every scenario of the
// catalog at its first and last frame, in light and dark themes, at 1280x800 and
// at 640x400 (the iframe size, where the toolbar hides and Share moves to the
// header), axe's default rules plus the experimental ones
// (label-content-name-mismatch). Fails on any serious or critical violation and
// prints each with its nodes.
// Standalone: node tests/browser/axe.mjs [id ...] (after `npm run build`).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { scenarioIds, standalone } from './serve.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');
const BLOCKING = new Set(['serious', 'critical']);

/** Runs axe on the page as it is; resolves to its serious and critical violations. */
async function violations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    // axe's default rules (WCAG 2.x A and AA, best practices) plus the experimental
    // ones such as label-content-name-mismatch; AAA (enhanced contrast) stays off.
    const rules = Object.fromEntries(
      window.axe
        .getRules(['experimental'])
        .filter((r) => !r.tags.includes('wcag2aaa'))
        .map((r) => [r.ruleId, { enabled: true }]),
    );
    const r = await window.axe.run(document, { rules, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        impact: n.impact,
        target: n.target.join(' '),
        summary: n.failureSummary?.replace(/\s+/g, ' ').trim() ?? '',
      })),
    }));
  });
  return found
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => BLOCKING.has(n.impact ?? v.impact)) }))
    .filter((v) => v.nodes.length > 0);
}

/** Violations as lines a person can act on: rule, help, then each node and why. */
export function describe(found) {
  return found
    .flatMap((v) => [
      `${v.impact} ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'})`,
      ...v.nodes.slice(0, 8).map((n) => `    ${n.target}\n      ${n.summary.slice(0, 300)}`),
    ])
    .join('\n       ');
}

/** The viewports every page state is checked at: a desktop window and the embed's iframe. */
export const SIZES = [
  { width: 1280, height: 800 },
  { width: 640, height: 400 },
];

/**
 * Runs axe on the page as loaded at each of SIZES in turn (resizing, not
 * reloading: the simulation is not run again) and reports one check per size;
 * `pre` is a condition on the page state itself, with why it failed.
 */
async function atEachSize(page, check, name, pre = { ok: true, detail: '' }) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    // Let resize observers (the stage measures itself) and the relayout run.
    const seen = await page.evaluate(async () => {
      for (let i = 0; i < 2; i++) await new Promise((ok) => requestAnimationFrame(ok));
      return `${innerWidth}x${innerHeight}`;
    });
    const at = `${size.width}x${size.height}`;
    const found = await violations(page);
    check(
      `${name} at ${at} has no serious or critical violations`,
      pre.ok && seen === at && found.length === 0,
      !pre.ok ? pre.detail : seen !== at ? `the page is ${seen}` : describe(found),
    );
  }
}

/** Waits until the player shows `frame` and has settled. */
async function atFrame(page, frame) {
  await page.locator(`section.player[data-frame="${frame}"]`).waitFor({ timeout: 60_000 });
  await page.locator('section.player[data-settled=true]').waitFor({ timeout: 10_000 });
  await page.evaluate(() => document.fonts.ready);
}

/**
 * Checks the home page and each scenario (first and last frame) in light and
 * dark, reporting through `check(name, ok, detail)`. `only` limits the scenarios.
 */
export async function axeCheck(browser, base, check, only = []) {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({
      viewport: SIZES[0],
      reducedMotion: 'reduce',
      colorScheme: scheme,
      // axe is injected as a script; the app's own CSP is tested in csp.mjs.
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    const ids = await scenarioIds(page, base);
    const theme = await page.evaluate(() => document.documentElement.dataset.theme);
    await atEachSize(page, check, `axe (${scheme}): home`, {
      ok: theme === scheme,
      detail: `data-theme is ${theme}`,
    });
    // The in-app theme (theme= in the URL) pins the other palette whatever the system says.
    const other = scheme === 'light' ? 'dark' : 'light';
    await page.setViewportSize(SIZES[0]);
    await page.goto(`${base}/?theme=${other}`);
    await page.locator('.home .card').first().waitFor();
    const pinned = await page.evaluate(() => document.documentElement.dataset.theme);
    await atEachSize(page, check, `axe (${scheme} system, theme=${other}): home`, {
      ok: pinned === other,
      detail: `data-theme is ${pinned}`,
    });
    for (const id of only.length ? only : ids) {
      await page.setViewportSize(SIZES[0]);
      await page.goto(`${base}/?s=${id}`);
      await atFrame(page, 0);
      const last = Number(await page.locator('input.scrub').getAttribute('max'));
      await atEachSize(page, check, `axe (${scheme}): ${id} at frame 0`);
      await page.goto(`${base}/?s=${id}&f=${last}`);
      await atFrame(page, last);
      await atEachSize(page, check, `axe (${scheme}): ${id} at its last frame (${last})`, {
        ok: last > 0,
        detail: `the scrubber's max is ${last}`,
      });
    }
    await context.close();
  }
}

await standalone(
  import.meta.url,
  'axe',
  (browser, check, base) => axeCheck(browser, base, check, process.argv.slice(2)),
  { serve: true },
);
