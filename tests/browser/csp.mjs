// The app under its own Content-Security-Policy, in headless Chromium: dist/
// served with the policy of dist/_headers as a real HTTP header (and its meta
// tag), and the single-file build (dist-single/index.html, hashes in its meta
// tag) over HTTP and from file://. Opens home, a few scenarios (the longest-run
// persistence-rdb-vs-aof among them), the share dialog and the console, and
// each scenario's picture (dist/thumbs/<id>.svg) opened by itself, and fails on
// any securitypolicyviolation event or console CSP error.
// Standalone: node tests/browser/csp.mjs (after `npm run build`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { dist, root, serveDist, standalone } from './serve.mjs';

const distSingle = join(root, 'dist-single');
const SCENARIOS = [
  'cache-aside',
  'shared-brain',
  'sorted-set-leaderboard',
  'string-session',
  'persistence-rdb-vs-aof',
];

/** The headers `_headers` (Netlify / Cloudflare Pages format) gives every path. */
export function headersFor(file) {
  const headers = {};
  let all = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) all = line.trim() === '/*';
    else if (all) {
      const i = line.indexOf(':');
      headers[line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
  }
  return headers;
}

/** The policy of the page's CSP meta tag, or ''. */
function metaPolicy(html) {
  return /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
}

/** Records CSP violations from the first script on: events and console errors. */
async function watch(context) {
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`),
    );
  });
  const page = await context.newPage();
  const seen = { console: [], workers: 0, errors: [] };
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(m.text())) seen.console.push(m.text());
  });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('worker', () => seen.workers++);
  return { page, seen, events: () => page.evaluate(() => window.__csp) };
}

/**
 * Clicks through the app at `url` (a page address without query) and reports
 * every violation through `check`. `label` names the build in messages.
 */
async function clickThrough(browser, label, url, check) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, seen, events } = await watch(context);
  const sep = url.includes('?') ? '&' : '?';
  const violations = async () => [...(await events()), ...seen.console];

  await page.goto(url);
  await page.locator('.home .card').first().waitFor();
  check(
    `${label}: home loads with no CSP violation`,
    (await violations()).length === 0,
    (await violations()).join('\n       '),
  );

  for (const id of SCENARIOS) {
    await page.goto(`${url}${sep}s=${id}&theme=dark`);
    await page.locator('section.player[data-settled=true]').waitFor({ timeout: 60_000 });
    await page.keyboard.press('End');
    await page.locator('section.player[data-settled=true]').waitFor();
    const v = await violations();
    // Runs go on the page, a slice at a time: no worker (and no second copy of the sim).
    check(
      `${label}: ${id} runs on the page and plays to the end with no CSP violation`,
      v.length === 0 && seen.workers === 0,
      `${v.join('\n       ')}${seen.workers === 0 ? '' : ` (${seen.workers} worker(s) started)`}`,
    );
  }

  // The share dialog, and a command typed in the sandbox's console.
  await page.goto(`${url}${sep}s=cache-aside&f=5`);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const link = await page.locator('#share-link').inputValue();
  await page.getByRole('button', { name: 'Close share dialog' }).click();
  await page.goto(`${url}${sep}s=sandbox`);
  await page.getByRole('tab', { name: 'Console' }).click();
  const field = page.getByRole('textbox', { name: /command/i }).first();
  await field.fill('SET greeting hello');
  await field.press('Enter');
  const v = await violations();
  check(
    `${label}: the share dialog and the console work with no CSP violation`,
    link.startsWith(`${url.replace(/[?#].*$/, '')}#`) &&
      /f=5/.test(link) &&
      v.length === 0 &&
      seen.errors.length === 0,
    `link ${link}; ${[...v, ...seen.errors].join('\n       ')}`,
  );

  // The watch itself can fail: an inline script, which the policy forbids, is reported.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.head.append(s);
  });
  await page.waitForTimeout(100);
  const ran = await page.evaluate(() => window.__ran === true);
  const caught = await events();
  check(
    `${label}: an injected inline script is blocked and reported (the watch works)`,
    !ran && caught.some((e) => e.startsWith('script-src')),
    `ran=${ran}; ${caught.join(', ')}`,
  );
  await context.close();
}

/**
 * Opens each scenario's picture (dist/thumbs/<id>.svg, one per oEmbed file) by
 * itself from `base`, which serves the CSP header: each must draw at its size
 * with no violation (it has no style element or attribute the policy would block).
 */
async function thumbsUnderPolicy(browser, base, check) {
  const files = readdirSync(join(dist, 'thumbs'));
  const expected = readdirSync(join(dist, 'oembed')).map((f) => f.replace(/\.json$/, '.svg'));
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, seen, events } = await watch(context);
  const bad = [];
  for (const f of files) {
    const res = await page.goto(`${base}/thumbs/${f}`);
    const box = await page.locator('svg').boundingBox();
    const v = [...(await events()), ...seen.console.splice(0)];
    const underPolicy = 'content-security-policy' in res.headers();
    if (!res.ok() || !underPolicy || v.length > 0 || box?.width !== 520 || box?.height !== 244)
      bad.push(`${f}: ${res.status()} csp=${underPolicy} ${JSON.stringify(box)} ${v.join('; ')}`);
  }
  check(
    `dist (CSP header): each scenario's picture (${files.length} thumbs/*.svg) opens by itself, 520x244, with no CSP violation`,
    JSON.stringify(files.sort()) === JSON.stringify(expected.sort()) && bad.length === 0,
    `${files.join(' ')}\n       ${bad.join('\n       ')}`,
  );
  await context.close();
}

/** Checks dist/ under its header and meta policy, and dist-single over HTTP and file://. */
export async function cspCheck(browser, check) {
  const headersFile = join(dist, '_headers');
  const singleFile = join(distSingle, 'index.html');
  if (!existsSync(headersFile) || !existsSync(singleFile)) {
    check(
      'the build emitted dist/_headers and dist-single/index.html',
      false,
      'run `npm run build`',
    );
    return;
  }
  const headers = headersFor(headersFile);
  const policy = headers['Content-Security-Policy'] ?? '';
  const meta = metaPolicy(readFileSync(join(dist, 'index.html'), 'utf8'));
  check(
    "dist: _headers and the meta tag carry one strict policy (default-src 'self', no unsafe-*)",
    policy !== '' &&
      policy === meta &&
      /default-src 'self'/.test(policy) &&
      !/unsafe-|frame-ancestors/.test(policy),
    `header: ${policy}\n       meta:   ${meta}`,
  );
  const single = metaPolicy(readFileSync(singleFile, 'utf8'));
  check(
    "dist-single: the meta policy allows its inline code by sha256 only (default-src 'none')",
    /default-src 'none'/.test(single) &&
      /script-src 'sha256-[^']+'/.test(single) &&
      !/unsafe-|'self'/.test(single),
    single,
  );

  const served = await serveDist({ headers });
  try {
    await clickThrough(browser, 'dist (CSP header)', `${served.base}/`, check);
    await thumbsUnderPolicy(browser, served.base, check);
  } finally {
    await served.close();
  }
  const servedSingle = await serveDist({ dir: distSingle });
  try {
    await clickThrough(browser, 'dist-single (http)', `${servedSingle.base}/`, check);
  } finally {
    await servedSingle.close();
  }
  await clickThrough(browser, 'dist-single (file://)', pathToFileURL(singleFile).href, check);
}

await standalone(import.meta.url, 'csp', (browser, check) => cspCheck(browser, check));
