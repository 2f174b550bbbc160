// Issue 11's promise, checked as a teacher would: crash Redis in cache-aside,
// open the share dialog, paste its reveal.js snippet into a reveal.js deck and
// its Markdown snippet (rendered by marked) into a page, both served from
// another origin than the app (which runs under its _headers CSP). The deck's
// iframe must open the app at the shared frame with the crash replayed; the
// Markdown image must load and its link must open that same moment.
// Standalone: node tests/browser/shareEmbed.mjs (after `npm run build`).
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { marked } from 'marked';
import { dist, serveDist, shots, standalone } from './serve.mjs';
import { headersFor } from './csp.mjs';

const revealDist = join(dirname(createRequire(import.meta.url).resolve('reveal.js')), '..', 'dist');

/** A two-slide reveal.js deck (local files, no CDN) whose second slide is `snippet`. */
function deckHtml(snippet) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Caching lesson</title>
<link rel="stylesheet" href="reveal/reveal.css"><link rel="stylesheet" href="reveal/theme/white.css">
</head><body><div class="reveal"><div class="slides">
<section><h2>Why did Redis forget?</h2></section>
${snippet}
</div></div>
<script src="reveal/reveal.js"></script>
<script>Reveal.initialize({ hash: true });</script>
</body></html>`;
}

/** What the app shows: frame, redis's state and the narration. */
function moment(frame) {
  return frame.evaluate(() => ({
    frame: Number(document.querySelector('section.player')?.getAttribute('data-frame')),
    redis: document.querySelector('[data-node=redis]')?.getAttribute('data-state') ?? '',
    narration:
      document
        .querySelector('section.player[data-whole=true] [role=status]')
        ?.textContent?.trim() ?? '',
  }));
}

/** Sets up a crash, shares it, and checks the snippets in a deck and a Markdown page. */
export async function shareEmbedCheck(browser, check) {
  const app = await serveDist({ headers: headersFor(join(dist, '_headers')) });
  const site = mkdtempSync(join(tmpdir(), 'speed-layer-deck-'));
  symlinkSync(revealDist, join(site, 'reveal'));
  const deckSite = await serveDist({ dir: site });
  try {
    for (const [w, h] of [
      [1280, 800],
      [640, 400],
    ]) {
      const page = await browser.newPage({ viewport: { width: w, height: h } });
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));

      // The teacher's moment: a few steps into cache-aside, Redis loses power.
      await page.goto(`${app.base}/?s=cache-aside`);
      await page.locator('section.player[data-settled=true]').waitFor();
      await page.locator('.stage-wrap').focus();
      for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
      await page.getByRole('button', { name: 'Crash or restart redis' }).click();
      await page.getByRole('menuitem', { name: 'Pull the power' }).click();
      await page.locator('[data-node=redis][data-state=crashed]').waitFor({ timeout: 5000 });
      await page.locator('.stage-wrap').focus();
      await page.keyboard.press('ArrowRight');
      await page.locator('section.player[data-settled=true]').waitFor();
      const shared = await moment(page);

      await page.getByRole('button', { name: 'Share', exact: true }).click();
      const reveal = await page.locator('#share-reveal').inputValue();
      const markdown = await page.locator('#share-markdown').inputValue();
      const link = await page.locator('#share-link').inputValue();
      check(
        `${w}x${h}: the share dialog's snippets carry the frame and the crash (iv=)`,
        shared.redis === 'crashed' &&
          /data-src="[^"]*iv=/.test(reveal) &&
          / data-preload/.test(reveal) &&
          link.includes('iv=') &&
          markdown.includes(`](${link})`),
        `${JSON.stringify(shared)}\n       ${reveal}\n       ${markdown}`,
      );

      // The reveal.js deck: the snippet pasted as its second slide.
      writeFileSync(join(site, 'deck.html'), deckHtml(reveal));
      await page.goto(`${deckSite.base}/deck.html`);
      const iframe = page.locator('.reveal iframe');
      // data-preload: the iframe loads while the title slide still shows.
      await iframe.and(page.locator('[src]')).waitFor({ state: 'attached', timeout: 10_000 });
      await page.keyboard.press('ArrowRight');
      const frame = await (await iframe.elementHandle()).contentFrame();
      await frame
        .locator(`section.player[data-frame="${shared.frame}"][data-settled=true]`)
        .waitFor({ timeout: 30_000 });
      const inDeck = await moment(frame);
      check(
        `${w}x${h}: the reveal.js deck's iframe shows frame ${shared.frame} with Redis crashed and the same narration`,
        JSON.stringify(inDeck) === JSON.stringify(shared),
        `deck ${JSON.stringify(inDeck)}\n       app  ${JSON.stringify(shared)}`,
      );
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(shots, `share-reveal-deck-${w}x${h}.png`) });

      // The Markdown snippet rendered to HTML: its image loads, its link opens the moment.
      writeFileSync(
        join(site, 'notes.html'),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Notes</title></head><body>${marked.parse(markdown)}</body></html>`,
      );
      await page.goto(`${deckSite.base}/notes.html`);
      const img = page.locator('a > img');
      await img.waitFor();
      const size = await img.evaluate((el) =>
        (el.complete ? Promise.resolve() : new Promise((ok) => (el.onload = el.onerror = ok))).then(
          () => `${el.naturalWidth}x${el.naturalHeight}`,
        ),
      );
      const src = await img.getAttribute('src');
      // The scenario's own picture (the build's thumbs/<id>.svg), drawn at its size.
      check(
        `${w}x${h}: the Markdown snippet's image is cache-aside's picture and loads (${src}, ${size})`,
        src === `${app.base}/thumbs/cache-aside.svg` && size === '520x244',
        `${src} ${size}`,
      );
      await page.locator('a:has(img)').click();
      await page
        .locator(`section.player[data-frame="${shared.frame}"][data-settled=true]`)
        .waitFor({ timeout: 30_000 });
      const viaLink = await moment(page);
      check(
        `${w}x${h}: the Markdown link opens frame ${shared.frame} with Redis crashed`,
        JSON.stringify(viaLink) === JSON.stringify(shared),
        `link ${JSON.stringify(viaLink)}\n       app  ${JSON.stringify(shared)}`,
      );
      check(
        `${w}x${h}: no page errors while sharing`,
        errors.length === 0,
        errors.join('\n       '),
      );
      await page.close();
    }
  } finally {
    await app.close();
    await deckSite.close();
    rmSync(site, { recursive: true, force: true });
  }
}

await standalone(import.meta.url, 'shareEmbed', (browser, check) =>
  shareEmbedCheck(browser, check),
);
