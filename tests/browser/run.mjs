// End-to-end check of the built site in the system Chromium (playwright-core).
// Serves dist/ on a free loopback port, drives the cache-aside scenario with
// the keyboard, compares state after stepping back, and takes screenshots.
// Then opens every scenario of the catalog and steps it frame by frame.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { canvasLayer } from './canvasLayer.mjs';
import { exportChecks } from './export.mjs';
import { launch, preflight, scenarioIds, serveDist, shots } from './serve.mjs';
import { axeCheck } from './axe.mjs';
import { cspCheck } from './csp.mjs';
import { shareEmbedCheck } from './shareEmbed.mjs';
import { previewCheck } from './preview.mjs';

preflight();
const { base, close } = await serveDist();

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) {
    passed++;
    console.log(`  ok   ${name}`);
  } else {
    failed++;
    console.log(`  FAIL ${name}${detail ? `\n       ${detail}` : ''}`);
  }
}

/** Frames stepped one by one from the start (and back) in each scenario. */
const STEP_FRAMES = 40;

/** What a learner sees at the current frame: narration, stage, scene view. */
function snapshotOf(page) {
  return page.evaluate(async () => {
    // Let resize observers (the stage measures itself) run before reading.
    for (let i = 0; i < 2; i++) await new Promise((ok) => requestAnimationFrame(ok));
    const q = (s) => document.querySelector(s);
    const text = (el) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    const status = q('section.player[data-whole=true] [role=status]');
    return {
      frame: Number(q('section.player')?.getAttribute('data-frame')),
      beatT: status?.getAttribute('data-beat-t') ?? '',
      narration: text(status),
      stage: [
        ...[...document.querySelectorAll('[data-node]')].map(
          (n) => `${n.getAttribute('data-node')}=${n.getAttribute('data-state')}:${text(n)}`,
        ),
        ...[...document.querySelectorAll('[data-packet]')].map(
          (n) => `${text(n)}@${n.getAttribute('transform')}`,
        ),
      ].join('|'),
      scene: text(q('section.player .scene')),
    };
  });
}

/**
 * Visits frames of the open scenario through the scrubber (every frame, or 150
 * spread evenly) and reports where the stage's box differs from frame 0's, and
 * where anything overflows: the page sideways, the scoreboard or a scene view.
 */
function steadiness(page) {
  return page.evaluate(async () => {
    const frames = () => requestAnimationFrame;
    const tick = () => new Promise((ok) => frames()(() => frames()(ok)));
    const scrub = document.querySelector('input.scrub');
    const n = Number(scrub?.max ?? 0) + 1;
    const visit =
      n <= 150
        ? [...Array(n).keys()]
        : [...Array(150).keys()].map((i) => Math.round((i * (n - 1)) / 149));
    const boxOf = (s) => {
      const r = document.querySelector(s)?.getBoundingClientRect();
      return r ? [r.x, r.y, r.width, r.height].map(Math.round).join(',') : '';
    };
    const moved = [];
    const overflow = [];
    let first = null;
    for (const f of visit) {
      scrub.value = String(f);
      scrub.dispatchEvent(new Event('input', { bubbles: true }));
      await tick();
      const box = boxOf('.stage-wrap');
      first ??= box;
      if (box !== first) moved.push(`${f}:${box}`);
      const de = document.documentElement;
      if (de.scrollWidth > de.clientWidth) overflow.push(`${f}:page`);
      for (const sel of ['.score figure', '.score table']) {
        const el = document.querySelector(sel);
        if (el && el.scrollWidth > el.clientWidth + 1) overflow.push(`${f}:${sel}`);
      }
    }
    return {
      frames: visit.length,
      first,
      moved: moved.slice(0, 5),
      overflow: overflow.slice(0, 5),
    };
  });
}

/** Node names on the stage that are shortened, spill out of their box or sit under a menu button. */
function namesClear(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.stage g.node')].flatMap((g) => {
      const id = g.getAttribute('data-node');
      const name = g.querySelector('text.name');
      const shown = name.firstChild?.textContent ?? '';
      const nb = name.getBoundingClientRect();
      const box = g.querySelector('rect.box').getBoundingClientRect();
      const btn = document
        .querySelector(`.stage button[aria-label="Crash or restart ${id}"]`)
        ?.getBoundingClientRect();
      const under =
        btn !== undefined &&
        btn.left < nb.right &&
        btn.right > nb.left &&
        btn.top < nb.bottom &&
        btn.bottom > nb.top;
      const out = nb.right > box.right + 0.5 || nb.left < box.left;
      return shown !== id || under || out ? [{ id, shown, under, out }] : [];
    }),
  );
}

/**
 * Opens every scenario listed by the built app and steps it with the keyboard.
 * Reduced motion makes each step land at once, so no glide has to be waited for.
 */
async function catalog(browser) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const errs = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errs.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errs.push(`pageerror: ${e.message}`));
  const ids = await scenarioIds(page, base);
  const cards = await page.getByRole('button', { name: /Open “/ }).count();
  check(
    `the catalog lists ${ids.length} scenarios, one card each`,
    ids.length > 0 && ids.length === cards && new Set(ids).size === ids.length,
    `${ids.join(', ')} (${cards} cards)`,
  );
  const settle = () => page.locator('section.player[data-settled=true]').waitFor({ timeout: 5000 });
  const press = async (key) => {
    await page.keyboard.press(key);
    await settle();
    return snapshotOf(page);
  };

  for (const id of ids) {
    const before = errs.length;
    await page.goto(`${base}/?s=${id}`);
    await page.locator('section.player[data-whole=true] [role=status]').waitFor();
    await page.getByRole('group', { name: /^Stage/ }).focus();
    await settle();
    const total = Number(
      /\/ (\d+)/.exec((await page.locator('.clock .frame').textContent()) ?? '')?.[1] ?? 0,
    );
    const beatFrames = new Set(
      await page.evaluate(() =>
        [...document.querySelectorAll('.tick-narrate[data-i]')].map((t) =>
          Number(t.getAttribute('data-i')),
        ),
      ),
    );
    const steps = Math.min(total - 1, STEP_FRAMES);

    // Forward, one frame at a time.
    const forward = [await snapshotOf(page)];
    let inOrder = forward[0].frame === 0;
    for (let i = 1; i <= steps; i++) {
      const s = await press('ArrowRight');
      forward.push(s);
      if (s.frame !== i) inOrder = false;
    }
    check(`${id}: → steps frame by frame through ${steps} of ${total} frames`, inOrder);

    // The narration changes at every beat, and every beat passed was shown.
    const passedBeats = [...beatFrames].filter((f) => f <= steps).sort((a, b) => a - b);
    const silent = passedBeats.filter(
      (f) =>
        !forward[f].narration ||
        (f > 0 &&
          forward[f].beatT === forward[f - 1].beatT &&
          forward[f].narration === forward[f - 1].narration),
    );
    const distinct = new Set(forward.map((s) => `${s.beatT}|${s.narration}`));
    check(
      `${id}: the narration changes at each of the ${passedBeats.length} beats passed`,
      passedBeats.length > 0 && silent.length === 0 && distinct.size >= passedBeats.length,
      `beats at frames ${passedBeats.join(',')}; unchanged at ${silent.join(',')}; ${distinct.size} distinct texts`,
    );

    // Back again: frame i+1 → i shows exactly what frame i showed going forward.
    const mismatches = [];
    for (let i = steps - 1; i >= 0; i--) {
      const s = await press('ArrowLeft');
      if (JSON.stringify(s) !== JSON.stringify(forward[i])) mismatches.push(i);
    }
    check(
      `${id}: ← from frame i+1 restores frame i's narration, stage and scene exactly`,
      mismatches.length === 0,
      mismatches.length
        ? `frames ${mismatches.join(',')}; e.g. ${JSON.stringify(forward[mismatches[0]])}`
        : '',
    );

    // End, a few steps back and forth there, and Home.
    const end = await press('End');
    const tail = [end];
    for (let i = 0; i < 3 && end.frame - i > 0; i++) tail.push(await press('ArrowLeft'));
    for (let i = tail.length - 2; i >= 0; i--) {
      const s = await press('ArrowRight');
      if (JSON.stringify(s) !== JSON.stringify(tail[i])) mismatches.push(-i - 1);
    }
    check(
      `${id}: End reaches the last frame; ← then → there restores it exactly`,
      end.frame === total - 1 && mismatches.length === 0 && end.narration.length > 0,
      `end frame ${end.frame} of ${total}; mismatches ${mismatches.join(',')}`,
    );
    const home = await press('Home');
    check(
      `${id}: Home returns to frame 0 as first shown`,
      JSON.stringify(home) === JSON.stringify(forward[0]),
      `${JSON.stringify(home)}\n       ${JSON.stringify(forward[0])}`,
    );

    // The layout never jumps: the stage keeps one box at every frame, at both sizes.
    for (const [w, h] of [
      [1280, 800],
      [640, 400],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`${base}/?s=${id}`);
      await page.locator('section.player[data-whole=true] [role=status]').waitFor();
      const names = await namesClear(page);
      check(
        `${id}: at ${w}x${h} every node name is whole, inside its box and clear of its crash ▾`,
        names.length === 0,
        JSON.stringify(names),
      );
      const st = await steadiness(page);
      check(
        `${id}: at ${w}x${h} the stage keeps one size at all ${st.frames} frames visited, nothing overflows`,
        st.moved.length === 0 && st.overflow.length === 0,
        JSON.stringify(st),
      );
    }
    await page.setViewportSize({ width: 1280, height: 800 });

    // A middle frame at the iframe size: nothing overflows sideways, the stage stays usable.
    await page.setViewportSize({ width: 640, height: 400 });
    await page.goto(`${base}/?s=${id}&f=${Math.round((total - 1) * 0.6)}`);
    await page.locator('section.player[data-whole=true] [role=status]').waitFor();
    const fit = await page.evaluate(() => {
      const box = (s) => document.querySelector(s)?.getBoundingClientRect();
      const stage = box('.stage-wrap');
      return {
        overflowX: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        stageH: stage ? Math.round(stage.height) : 0,
      };
    });
    check(
      `${id}: at 640x400 nothing overflows sideways and the stage is >= 120 px tall`,
      fit.overflowX <= 0 && fit.stageH >= 120,
      JSON.stringify(fit),
    );
    const shot = join(shots, `${id}-mid-640x400.png`);
    await page.screenshot({ path: shot });
    paths.push(shot);
    await page.setViewportSize({ width: 1280, height: 800 });

    check(
      `${id}: no console errors or page errors`,
      errs.length === before,
      errs.slice(before).join('\n       '),
    );
  }
  await context.close();
}

const browser = await launch();

const errors = [];
const paths = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`http ${r.status()}: ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  mkdirSync(shots, { recursive: true });

  // Home view.
  await page.goto(`${base}/`);
  await page
    .getByRole('button', { name: /Open “/ })
    .first()
    .waitFor();
  check(
    'home view lists scenario cards',
    (await page.getByRole('button', { name: /Open “/ }).count()) > 0,
  );

  // Opening a scenario from home pushes a history entry: Back returns home.
  await page.getByRole('button', { name: /Open “Do you have User 123/ }).click();
  await page.locator('section.player[data-whole=true] [role=status]').waitFor();
  // Keys work at once, without clicking anything first.
  await page.keyboard.press('ArrowRight');
  await page
    .locator('section.player[data-frame="1"]')
    .waitFor({ timeout: 3000 })
    .catch(() => {});
  check(
    'on a standalone page → steps as soon as the scenario opens (no click first)',
    (await page.locator('section.player').getAttribute('data-frame')) === '1',
  );
  await page.goBack();
  const backHome = await page
    .getByRole('button', { name: /Open “/ })
    .first()
    .waitFor({ timeout: 3000 })
    .then(() => true)
    .catch(() => false);
  check('the browser Back button returns from a scenario to home', backHome, page.url());

  // The cache-aside scenario, stepped with the keyboard.
  await page.goto(`${base}/?s=cache-aside`);
  const narration = page.locator('section.player[data-whole=true] [role=status]');
  await narration.waitFor();
  const stage = page.getByRole('group', { name: /^Stage/ });
  await stage.focus();

  const snapshot = () =>
    page.evaluate(() => {
      const q = (s) => document.querySelector(s);
      return {
        frame: q('section.player')?.getAttribute('data-frame'),
        narration: q('section.player[data-whole=true] [role=status]')?.textContent?.trim() ?? '',
        keyspace: q('[data-section=keyspace]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
        nodes: [...document.querySelectorAll('[data-node]')]
          .map((n) => `${n.getAttribute('data-node')}=${n.getAttribute('data-state')}`)
          .join(','),
        packets: [...document.querySelectorAll('[data-packet]')]
          .map((n) => n.textContent?.trim())
          .join('|'),
      };
    });
  const settle = () => page.locator('section.player[data-settled=true]').waitFor({ timeout: 5000 });

  const seen = new Map();
  let missFrame = null;
  let hit = null;
  for (let i = 0; i < 200 && !hit; i++) {
    await page.keyboard.press('ArrowRight');
    await settle();
    const s = await snapshot();
    seen.set(s.frame, s);
    if (missFrame === null && /Cache miss/.test(s.narration)) missFrame = s.frame;
    if (/Cache hit/.test(s.narration)) hit = s;
  }
  check('stepping forward with → reaches the cache miss', missFrame !== null);
  check('stepping forward with → reaches the cache hit', hit !== null);
  check(
    'the hit narration names the step and says Postgres was untouched',
    hit !== null &&
      /Step 6 of 8 · Cache hit/.test(hit.narration) &&
      /Postgres untouched/.test(hit.narration),
    hit?.narration,
  );
  check(
    'the keyspace holds user:123 at the hit',
    hit !== null && hit.keyspace.includes('user:123'),
    hit?.keyspace,
  );
  await page.screenshot({ path: join(shots, 'cache-aside-hit-1280x800.png') });
  paths.push(join(shots, 'cache-aside-hit-1280x800.png'));

  // Step back until the miss narration shows again; the state must be exactly as it was.
  let back = null;
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('ArrowLeft');
    await settle();
    const s = await snapshot();
    if (/Cache miss/.test(s.narration)) {
      back = s;
      break;
    }
  }
  check(
    'stepping back with ← returns to the miss narration',
    back !== null && /Step 2 of 8 · Cache miss/.test(back.narration),
    back?.narration,
  );
  const before = back ? seen.get(back.frame) : undefined;
  check(
    'the state after stepping back equals the state seen going forward (narration, keyspace, nodes, packets)',
    before !== undefined && JSON.stringify(before) === JSON.stringify(back),
    `${JSON.stringify(before)}\n       ${JSON.stringify(back)}`,
  );

  // Home / End keys and the help dialog.
  await page.keyboard.press('End');
  await settle();
  const end = await snapshot();
  const clock = (await page.locator('.clock .frame').textContent()) ?? '';
  const [, cur, total] = /frame (\d+) \/ (\d+)/.exec(clock) ?? [];
  check(
    'End goes to the last frame',
    cur !== undefined && cur === total && Number(end.frame) === Number(total) - 1,
    `${clock} ${end.frame}`,
  );
  await page.keyboard.press('Home');
  await settle();
  check('Home goes to frame 0', (await snapshot()).frame === '0');
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.waitFor();
  check('? opens the help dialog', await dialog.isVisible());
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  check('Esc closes the help dialog', !(await dialog.isVisible()));

  // The hash follows the frame (written at most once a second).
  await stage.focus();
  await page.keyboard.press('ArrowRight');
  await settle();
  await page
    .waitForFunction(() => /f=1/.test(location.hash), null, { timeout: 3000 })
    .catch(() => {});
  check(
    'the URL hash records the frame',
    /s=cache-aside/.test(await page.evaluate(() => location.hash)) &&
      /f=1/.test(await page.evaluate(() => location.hash)),
    await page.evaluate(() => location.hash),
  );

  const overflow = () =>
    page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
  check('no horizontal overflow at 1280x800', (await overflow()) <= 0);

  // Narrow: the iframe size.
  await page.setViewportSize({ width: 640, height: 400 });
  await page.goto(`${base}/?s=cache-aside#s=cache-aside&f=12`);
  await narration.waitFor();
  await page.waitForTimeout(200);
  check('no horizontal overflow at 640x400', (await overflow()) <= 0);
  const stageBox = await page.getByRole('group', { name: /^Stage/ }).boundingBox();
  check(
    'the stage stays usable at 640x400 (>= 140 px tall, fully in view)',
    stageBox !== null && stageBox.height >= 140 && stageBox.y + stageBox.height <= 400,
    JSON.stringify(stageBox),
  );
  await page.screenshot({ path: join(shots, 'cache-aside-640x400.png') });
  paths.push(join(shots, 'cache-aside-640x400.png'));

  // The toolbar is hidden at this height: Share (and Export inside it) stays one key away.
  const share = page.getByRole('button', { name: 'Share', exact: true });
  const shareBox = (await share.count()) === 1 ? await share.boundingBox() : null;
  check(
    'at 640x400 one Share button is visible, in view',
    shareBox !== null && shareBox.y >= 0 && shareBox.y + shareBox.height <= 400,
    JSON.stringify(shareBox),
  );
  await share.focus();
  await page.keyboard.press('Enter');
  const shareDialog = page.getByRole('dialog', { name: 'Share this moment' });
  const opened = await shareDialog.waitFor({ timeout: 3000 }).then(
    () => true,
    () => false,
  );
  const fitsDialog = await page.evaluate(() => {
    const d = document.querySelector('dialog[aria-labelledby="share-title"]');
    const r = d.getBoundingClientRect();
    d.scrollTop = d.scrollHeight;
    const close = d
      .querySelector('button[aria-label="Close share dialog"]')
      .getBoundingClientRect();
    return {
      open: d.open,
      top: r.top,
      bottom: r.bottom,
      closeInView: close.top >= r.top && close.bottom <= r.bottom,
      exportShown: d.textContent.includes('PNG'),
    };
  });
  check(
    'at 640x400 Enter on Share opens the dialog; it fits the frame and scrolls to Export and Close',
    opened &&
      fitsDialog.open &&
      fitsDialog.top >= 0 &&
      fitsDialog.bottom <= 400 &&
      fitsDialog.closeInView &&
      fitsDialog.exportShown,
    JSON.stringify(fitsDialog),
  );
  await page.screenshot({ path: join(shots, 'share-dialog-640x400.png') });
  paths.push(join(shots, 'share-dialog-640x400.png'));
  await page.keyboard.press('Escape');

  // Embedded (no page chrome) at the iframe size, driven by postMessage from a host page.
  await page.goto(`${base}/?s=cache-aside&embed=1&f=8`);
  await narration.waitFor();
  check('embed=1 hides the page header', (await page.locator('header').count()) === 0);
  check('no horizontal overflow in the 640x400 embed', (await overflow()) <= 0);
  await page.screenshot({ path: join(shots, 'cache-aside-embed-640x400.png') });
  paths.push(join(shots, 'cache-aside-embed-640x400.png'));
  // The host page replaces robots.txt, a document without the app's CSP (which forbids its inline script).
  await page.goto(`${base}/robots.txt`);
  await page.setContent(
    // The host page declares an (empty) icon, else Chrome may fetch /favicon.ico from our server.
    `<link rel="icon" href="data:," />
     <iframe id="f" src="${base}/?s=cache-aside&embed=1" width="640" height="400"></iframe>
     <script>
       window.got = [];
       addEventListener('message', (e) => window.got.push(e.data));
     </script>`,
  );
  await page
    .waitForFunction(() => window.got.some((m) => m && m.event === 'ready'), null, {
      timeout: 5000,
    })
    .catch(() => {});
  const ready = await page.evaluate(() => window.got.find((m) => m && m.event === 'ready'));
  check(
    'the embed posts ready with scenarios and frameCount',
    ready?.value?.scenarios?.includes('cache-aside') && ready.value.frameCount > 0,
    JSON.stringify(ready),
  );
  await page.evaluate(() => {
    const w = document.getElementById('f').contentWindow;
    w.postMessage(
      { context: 'speed-layer', version: 1, method: 'addEventListener', value: 'frame' },
      '*',
    );
    w.postMessage(
      JSON.stringify({ context: 'speed-layer', version: 1, method: 'step', value: 3 }),
      '*',
    );
  });
  await page
    .waitForFunction(() => window.got.some((m) => m && m.event === 'frame'), null, {
      timeout: 5000,
    })
    .catch(() => {});
  const frameEvent = await page.evaluate(() =>
    window.got.filter((m) => m && m.event === 'frame').pop(),
  );
  check(
    'postMessage step +3 moves the embed to frame 3 and posts a frame event',
    frameEvent?.value?.index === 3,
    JSON.stringify(frameEvent),
  );
  await page.setViewportSize({ width: 1280, height: 800 });

  // An invalid URL field shows a notice and falls back.
  await page.goto(`${base}/?s=cache-aside&speed=3&theme=dark&p.ttlSec=abc&f=12`);
  await narration.waitFor();
  const toast = page.getByText('Some link settings were ignored');
  check('invalid URL values show a dismissible notice', await toast.isVisible());
  check(
    'the notice lists speed=3 and p.ttlSec=abc',
    (await page.locator('.toast').textContent())?.includes('speed=3') &&
      (await page.locator('.toast').textContent())?.includes('p.ttlSec=abc'),
  );
  await page.screenshot({ path: join(shots, 'cache-aside-dark-1280x800.png') });
  paths.push(join(shots, 'cache-aside-dark-1280x800.png'));
  await page.getByRole('button', { name: 'Dismiss notice' }).click();
  check('the notice can be dismissed', (await page.locator('.toast').count()) === 0);

  // Console: a command becomes an intervention and its reply prints like redis-cli.
  await page.goto(`${base}/?s=cache-aside&f=12`);
  await narration.waitFor();
  await page.getByRole('tab', { name: 'Console' }).click();
  await page.getByRole('textbox', { name: 'Redis command' }).fill('SET foo "bar baz"');
  await page.keyboard.press('Enter');
  await page
    .getByRole('log', { name: 'Console output' })
    .getByText('OK', { exact: true })
    .waitFor({ timeout: 5000 })
    .catch(() => {});
  const log = (await page.getByRole('log', { name: 'Console output' }).textContent()) ?? '';
  check(
    'the console prints the reply to SET foo "bar baz" as OK',
    /SET foo "bar baz"\s*OK/.test(log),
    log,
  );
  await page.getByRole('textbox', { name: 'Redis command' }).fill('GET foo');
  await page.keyboard.press('Enter');
  await page
    .getByRole('log', { name: 'Console output' })
    .getByText('"bar baz"')
    .waitFor({ timeout: 5000 })
    .catch(() => {});
  const log2 = (await page.getByRole('log', { name: 'Console output' }).textContent()) ?? '';
  check('the console prints GET foo as "bar baz"', log2.includes('"bar baz"'), log2);
  // As in redis-cli: the rest of the syntax greys out as you type, and HELP answers locally.
  await page.getByRole('textbox', { name: 'Redis command' }).fill('ZADD k ');
  const hint = (await page.locator('.inline-hint').textContent()) ?? '';
  check("the console hints ZADD's remaining arguments", hint.startsWith('[NX|XX] [GT|LT]'), hint);
  await page.getByRole('textbox', { name: 'Redis command' }).fill('help get');
  await page.keyboard.press('Enter');
  const log3 = (await page.getByRole('log', { name: 'Console output' }).textContent()) ?? '';
  check('the console answers HELP GET itself', log3.includes('since: 1.0.0'), log3);
  await page.screenshot({ path: join(shots, 'cache-aside-console-1280x800.png') });
  paths.push(join(shots, 'cache-aside-console-1280x800.png'));

  // Crash Redis from the stage menu, then undo.
  await page.getByRole('button', { name: 'Crash or restart redis' }).click();
  await page.getByRole('menuitem', { name: 'Kill the process' }).click();
  await page
    .locator('[data-node=redis][data-state=crashed]')
    .waitFor({ timeout: 3000 })
    .catch(() => {});
  check(
    'crashing redis from the menu shows it crashed',
    (await page.locator('[data-node=redis]').getAttribute('data-state')) === 'crashed',
  );
  await page.getByRole('button', { name: 'Undo the last intervention' }).click();
  await page.waitForTimeout(100);
  check(
    'Undo drops the crash',
    (await page.locator('[data-node=redis]').getAttribute('data-state')) !== 'crashed',
  );

  // Issue 3's promise: crash Redis mid-scenario, see LOADING on restart, and see what
  // was lost: user:123 with RDB only (no snapshot yet), nothing with AOF always.
  for (const [mode, expectLost] of [
    ['rdb', true],
    ['aof-always', false],
  ]) {
    await page.goto(`${base}/?s=cache-aside&p.persistence=${mode}`);
    await page.locator('[role=status]').first().waitFor();
    await page.locator('.stage-wrap').focus();
    const narration = () =>
      page.locator('section.player[data-whole=true] [role=status]').innerText();
    // Each step waits for the frame to settle (and any re-run to land): read too
    // early, the narration is the last frame's and the loop steps past the beat.
    const step = async () => {
      await page.keyboard.press('ArrowRight');
      await page
        .locator('main[aria-busy=false] section.player[data-settled=true]')
        .waitFor({ timeout: 10_000 });
    };
    for (let i = 0; i < 60 && !/Cache hit/i.test(await narration()); i++) await step();
    await page.getByRole('button', { name: 'Crash or restart redis' }).click();
    await page.getByRole('menuitem', { name: 'Pull the power' }).click();
    await page.locator('[data-node=redis][data-state=crashed]').waitFor({ timeout: 5000 });
    await page.locator('.stage-wrap').focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('button', { name: 'Crash or restart redis' }).click();
    await page.getByRole('menuitem', { name: 'Restart' }).click();
    const loading = await page
      .locator('[data-node=redis][data-state=loading]')
      .waitFor({ timeout: 5000 })
      .then(() => true)
      .catch((e) => String(e).slice(0, 300));
    check(`${mode}: restarting redis shows it LOADING`, loading === true, String(loading));
    await page.locator('.stage-wrap').focus();
    for (let i = 0; i < 10 && !/finished loading/.test(await narration()); i++) await step();
    const told = await narration();
    check(`${mode}: the narration says what recovery kept`, /finished loading/.test(told), told);
    await page.getByRole('tab', { name: 'Inspector' }).click();
    const persistence =
      (await page.getByRole('region', { name: 'Persistence on redis' }).textContent()) ?? '';
    check(
      `${mode}: the Inspector lists ${expectLost ? 'user:123 as lost' : 'nothing lost'}`,
      expectLost
        ? /After the crash/.test(persistence) && /user:123/.test(persistence)
        : /Nothing was lost/.test(persistence),
      persistence.replace(/\s+/g, ' ').slice(0, 300),
    );
    await page.screenshot({ path: join(shots, `cache-aside-recovered-${mode}-1280x800.png`) });
    paths.push(join(shots, `cache-aside-recovered-${mode}-1280x800.png`));
  }

  check('no console errors or page errors', errors.length === 0, errors.join('\n       '));

  // Every scenario of the catalog, read from the built app (not a list kept here):
  // step frame by frame through the first frames and back, End and Home, no errors,
  // the narration changes at every beat, stepping back restores what was shown.
  await catalog(browser);
  await previewCheck(browser, base, check); // a long first run: its start drawn while the rest computes
  await axeCheck(browser, base, check); // axe: home and every scenario, light and dark
  await cspCheck(browser, check); // dist under its CSP header, dist-single under its hashes
  await shareEmbedCheck(browser, check); // share snippets in a reveal.js deck and Markdown

  // Thousands of packets in flight: drawn on the Stage's canvas layer.
  paths.push(...(await canvasLayer(browser, base, shots, check)));

  // Export from the share dialog: PNG, SVG, GIF and WebM downloads, decoded.
  await exportChecks(browser, base, check);
} catch (e) {
  check('the browser run completed', false, e instanceof Error ? e.stack : String(e));
} finally {
  await browser.close();
  await close();
}

for (const p of paths) console.log(`screenshot: ${p}`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
