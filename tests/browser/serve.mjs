// Shared by the browser scripts: serve dist/ on a free loopback port with
// node:http and launch the system Chromium through playwright-core.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const dist = resolve(process.env.DIST_DIR || join(root, 'dist'));
export const shots = join(root, 'tests', 'browser', 'screenshots');
const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
};

/** Exits with a hint when Chromium or the build is missing. */
export function preflight() {
  if (!existsSync(chromePath)) {
    console.error(
      'Chromium not found: install it with `apt-get install -y chromium` or set CHROME_PATH',
    );
    process.exit(1);
  }
  if (!existsSync(join(dist, 'index.html'))) {
    console.error('dist/index.html not found: run `npm run build` first');
    process.exit(1);
  }
}

/**
 * Serves a build (dist/ unless `dir` says otherwise) on 127.0.0.1 and a free
 * port, adding `headers` (e.g. a Content-Security-Policy) to every response;
 * resolves to { base, close }.
 */
export async function serveDist({ dir = dist, headers = {} } = {}) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir + sep) && file !== dir) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    // Documents without an icon link (robots.txt, used as a bare host page) make
    // Chrome ask for /favicon.ico; its 404 would read as a console error of the app.
    if (!existsSync(file) && path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (!existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      ...headers,
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/** Launches headless Chromium with the flags a container needs. */
export function launch() {
  return chromium.launch({
    executablePath: chromePath,
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Reads the scenario ids from the built app's picker (the catalog, not a list kept here). */
export async function scenarioIds(page, base) {
  await page.goto(`${base}/`);
  await page.locator('select[aria-label=Scenario] option[value]:not([value=""])').first().waitFor({
    state: 'attached',
  });
  return page.evaluate(() =>
    [...document.querySelectorAll('select[aria-label=Scenario] option')]
      .map((o) => o.value)
      .filter(Boolean),
  );
}

/**
 * Runs one browser script by itself when `moduleUrl` (its import.meta.url) is
 * the file node was started with; imported (by run.mjs), it does nothing.
 * `checks(browser, check, base)` reports through `check(name, ok, detail)`;
 * `base` is dist/ served on a free port when `serve` is set. A throw counts as
 * a failed check; prints `label: N passed, M failed` and exits 1 on a failure.
 */
export async function standalone(moduleUrl, label, checks, { serve = false } = {}) {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  preflight();
  const served = serve ? await serveDist() : null;
  const browser = await launch();
  let passed = 0;
  let failed = 0;
  const check = (name, ok, detail = '') => {
    if (ok) passed++;
    else failed++;
    console.log(ok ? `  ok   ${name}` : `  FAIL ${name}${detail ? `\n       ${detail}` : ''}`);
  };
  try {
    await checks(browser, check, served?.base);
  } catch (e) {
    check(`the ${label} run completed`, false, e instanceof Error ? e.stack : String(e));
  } finally {
    await browser.close();
    await served?.close();
  }
  console.log(`${label}: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
