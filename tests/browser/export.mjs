// Browser checks of the Export section of the share dialog: each kind is
// exported from the built app, the download captured and decoded. PNG: header
// and IHDR size at 1× and 2×; SVG: parses, no outside reference; GIF: frame
// count and size (omggif); WebM: EBML header, frame count and size
// (Mediabunny's demuxer) and a <video> in Chromium that plays it.
// Run alone: node tests/browser/export.mjs (after npm run build).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_FORMATS, BufferSource, EncodedPacketSink, Input } from 'mediabunny';
import omggif from 'omggif';
import { shots, standalone } from './serve.mjs';

/** Width and height from a PNG's IHDR, or null when the bytes are not a PNG. */
export function pngSize(buf) {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length < 24 || sig.some((b, i) => buf[i] !== b)) return null;
  if (buf.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** Attribute values and CSS urls in an SVG text that point outside it. */
export function outsideReferences(text) {
  const svg = text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
  const out = [];
  for (const m of svg.matchAll(/\b(?:href|src|xlink:href)\s*=\s*"([^"]*)"/g))
    if (!m[1].startsWith('#') && !m[1].startsWith('data:')) out.push(m[0].slice(0, 80));
  for (const m of svg.matchAll(/url\(\s*['"]?([^'")]*)/g))
    if (!m[1].startsWith('#') && !m[1].startsWith('data:')) out.push(m[0].slice(0, 80));
  if (/@import/.test(svg)) out.push('@import');
  return out;
}

async function webmInfo(bytes) {
  const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
  const track = await input.getPrimaryVideoTrack();
  if (!track) return null;
  const sink = new EncodedPacketSink(track);
  const times = [];
  for await (const p of sink.packets()) times.push(Math.round(p.timestamp * 1000) / 1000);
  return {
    format: (await input.getFormat()).name,
    codec: track.codec,
    width: track.displayWidth,
    height: track.displayHeight,
    frames: times.length,
    times,
  };
}

/** Clicks an export button and resolves to the download's name and bytes. */
async function download(page, name) {
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
}

/**
 * Opens a scenario, opens the share dialog and exports each kind; reports
 * through `check(name, ok, detail)`.
 */
export async function exportChecks(browser, base, check, { save = shots } = {}) {
  mkdirSync(save, { recursive: true });
  const page = await browser.newPage({
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  try {
    await page.goto(`${base}/?s=cache-aside#s=cache-aside&f=5`);
    await page.locator('section.player[data-frame="5"]').waitFor();
    const region = await page.evaluate(() => {
      const els = [
        ...document.querySelectorAll('section.player .stage-row, section.player .scene'),
      ];
      const rs = els.map((e) => e.getBoundingClientRect());
      const l = Math.min(...rs.map((r) => r.left));
      const t = Math.min(...rs.map((r) => r.top));
      return {
        width: Math.ceil(Math.max(...rs.map((r) => r.right)) - l),
        height: Math.ceil(Math.max(...rs.map((r) => r.bottom)) - t),
      };
    });
    await page.getByRole('button', { name: 'Share' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share this moment' });
    await dialog.getByRole('heading', { name: 'Export' }).waitFor();
    await page.screenshot({ path: join(save, 'export-dialog-1280x800.png') });

    for (const scale of [1, 2]) {
      const png = await download(page, `PNG ${scale}×`);
      const size = pngSize(png.bytes);
      check(
        `PNG ${scale}×: named after the scenario and frame, IHDR ${region.width * scale}×${region.height * scale}`,
        png.name === `speed-layer-cache-aside-f5${scale === 2 ? '@2x' : ''}.png` &&
          size?.width === region.width * scale &&
          size?.height === region.height * scale,
        `${png.name} ${JSON.stringify(size)} region ${JSON.stringify(region)}`,
      );
      writeFileSync(join(save, `export-${png.name}`), png.bytes);
    }
    // The PNG shows what the stage shows: the same frame's node states and narration-free picture.
    for (const scale of [1, 2]) {
      const svg = await download(page, `SVG ${scale}×`);
      const text = svg.bytes.toString('utf8');
      // Parsed in a blank page: a document DOMParser makes inherits the app's CSP, which
      // reports the SVG's style attributes (harmless there: nothing renders it).
      const blankPage = await browser.newPage();
      const parsed = await blankPage.evaluate((t) => {
        const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
        const root = doc.documentElement;
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          root: root.localName,
          width: root.getAttribute('width'),
          height: root.getAttribute('height'),
          nodes: doc.querySelectorAll('foreignObject svg g, foreignObject svg rect').length,
          text: root.textContent?.replace(/\s+/g, ' ').slice(0, 4000) ?? '',
        };
      }, text);
      await blankPage.close();
      const stageText = await page.evaluate(
        () =>
          document.querySelector('section.player .stage-wrap')?.textContent?.replace(/\s+/g, ' ') ??
          '',
      );
      const outside = outsideReferences(text);
      check(
        `SVG ${scale}×: parses, ${region.width * scale}×${region.height * scale}, no outside reference, has the stage's text`,
        svg.name === `speed-layer-cache-aside-f5${scale === 2 ? '@2x' : ''}.svg` &&
          parsed.error === null &&
          parsed.root === 'svg' &&
          Number(parsed.width) === region.width * scale &&
          Number(parsed.height) === region.height * scale &&
          outside.length === 0 &&
          /redis/i.test(parsed.text) &&
          parsed.text.includes(stageText.trim().slice(0, 20)),
        JSON.stringify({ name: svg.name, ...parsed, text: undefined, outside }),
      );
      if (scale === 1) writeFileSync(join(save, `export-${svg.name}`), svg.bytes);
    }

    // A <canvas> in the stage (the packet layer draws on one when packets are many)
    // is in the picture at its place: a red one 40×20 at (10, 10) of the stage's padding box.
    await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.id = 'export-probe';
      c.width = 40;
      c.height = 20;
      Object.assign(c.style, {
        position: 'absolute',
        left: '10px',
        top: '10px',
        width: '40px',
        height: '20px',
      });
      const g = c.getContext('2d');
      g.fillStyle = '#ff0000';
      g.fillRect(0, 0, 40, 20);
      document.querySelector('section.player .stage-wrap').append(c);
    });
    const probe = await download(page, 'PNG 1×');
    await page.evaluate(() => document.getElementById('export-probe')?.remove());
    const probed = await page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const g = c.getContext('2d');
      g.drawImage(bmp, 0, 0);
      const wrap = document.querySelector('section.player .stage-wrap').getBoundingClientRect();
      const row = document.querySelector('section.player .stage-row').getBoundingClientRect();
      // Inside the canvas (its middle) and just outside it (right of it).
      const x = wrap.left - row.left + 1 + 30;
      const y = wrap.top - row.top + 1 + 20;
      return [[...g.getImageData(x, y, 1, 1).data], [...g.getImageData(x + 30, y, 1, 1).data]];
    }, probe.bytes.toString('base64'));
    check(
      'a <canvas> in the stage is drawn at its place in the PNG',
      probed[0][0] > 240 &&
        probed[0][1] < 15 &&
        probed[0][2] < 15 &&
        !(probed[1][0] > 240 && probed[1][1] < 15),
      JSON.stringify(probed),
    );

    // Animations: timeline frames 3 to 10 (indices 2 to 9, as in the file name) at 480 px, captioned.
    await dialog.getByLabel('From frame').fill('3');
    await dialog.getByLabel('To frame').fill('10');
    await dialog.getByLabel('Width').selectOption('480');
    const gif = await download(page, 'GIF');
    const reader = new omggif.GifReader(new Uint8Array(gif.bytes));
    const gifFrames = reader.numFrames();
    check(
      'GIF: 8 frames (2 to 9), 480 px wide, named f2-9',
      gif.name === 'speed-layer-cache-aside-f2-9.gif' && gifFrames === 8 && reader.width === 480,
      `${gif.name} ${gifFrames} frames ${reader.width}×${reader.height}`,
    );
    writeFileSync(join(save, `export-${gif.name}`), gif.bytes);
    check(
      'GIF: each frame shows 1 s',
      [...Array(gifFrames).keys()].every((i) => reader.frameInfo(i).delay === 100),
      [...Array(gifFrames).keys()].map((i) => reader.frameInfo(i).delay).join(','),
    );
    // Frames differ (the picture moves with the trace), one decoded to look at.
    const pixels = [0, gifFrames - 1].map((i) => {
      const px = new Uint8Array(reader.width * reader.height * 4);
      reader.decodeAndBlitFrameRGBA(i, px);
      return px;
    });
    check(
      'GIF: the first and last frames differ',
      pixels[0].some((v, i) => v !== pixels[1][i]),
    );
    check(
      'the player is back on frame 5 after the GIF',
      (await page.locator('section.player').getAttribute('data-frame')) === '5',
    );

    const webm = await download(page, 'WebM video');
    const ebml = webm.bytes.readUInt32BE(0) === 0x1a45dfa3;
    const info = await webmInfo(new Uint8Array(webm.bytes));
    check(
      'WebM: EBML header, 8 frames a second apart, 480 px wide',
      webm.name === 'speed-layer-cache-aside-f2-9.webm' &&
        ebml &&
        info?.frames === 8 &&
        info.width === 480 &&
        info.height === reader.height + (reader.height % 2) &&
        info.times.join() === '0,1,2,3,4,5,6,7',
      `${webm.name} ebml=${ebml} ${JSON.stringify(info)}`,
    );
    writeFileSync(join(save, `export-${webm.name}`), webm.bytes);
    // Played in a blank page of its own: the app's CSP (default-src 'self') rightly refuses blob: media.
    const blank = await browser.newPage();
    const video = await blank.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const v = document.createElement('video');
      v.muted = true;
      v.src = URL.createObjectURL(new Blob([bytes], { type: 'video/webm' }));
      await new Promise((ok, fail) => {
        v.onloadedmetadata = ok;
        v.onerror = () => fail(new Error(`video error ${v.error?.code}`));
      });
      return { width: v.videoWidth, height: v.videoHeight, duration: v.duration };
    }, webm.bytes.toString('base64'));
    await blank.close();
    check(
      'WebM: a <video> in Chromium loads it, 480 px wide, 8 s',
      video.width === 480 && Math.abs(video.duration - 8) < 0.05,
      JSON.stringify(video),
    );

    // Cancel: a long GIF stops part-way, nothing downloads, the player returns.
    await dialog.getByLabel('From frame').fill('1');
    const last = await dialog.getByLabel('To frame').getAttribute('max');
    await dialog.getByLabel('To frame').fill(String(Math.min(Number(last), 60)));
    let downloaded = false;
    page.on('download', () => (downloaded = true));
    await dialog.getByRole('button', { name: 'GIF', exact: true }).click();
    await dialog.locator('progress').waitFor();
    await page.waitForFunction(
      () => Number(document.querySelector('dialog progress')?.getAttribute('value') ?? 0) >= 2,
    );
    await page.screenshot({ path: join(save, 'export-progress-1280x800.png') });
    check(
      'keyboard focus is on Cancel while exporting',
      (await page.evaluate(() => document.activeElement?.textContent)) === 'Cancel',
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.getByText('Export cancelled.').waitFor();
    check('Cancel stops a GIF export: no download', !downloaded);
    check(
      'focus returns to the GIF button after Cancel',
      (await page.evaluate(() => document.activeElement?.textContent)) === 'GIF',
    );
    check(
      'the player is back on frame 5 after Cancel',
      (await page.locator('section.player').getAttribute('data-frame')) === '5',
    );

    // A bad range says what to fix and disables the animation buttons.
    await dialog.getByLabel('From frame').fill('9');
    await dialog.getByLabel('To frame').fill('3');
    check(
      'a range with From after To is refused with a note',
      (await dialog.getByText('“From” must not be after “To”.').count()) === 1 &&
        (await dialog.getByRole('button', { name: 'GIF', exact: true }).isDisabled()),
    );

    // Keyboard: the export buttons are reachable with Tab from the dialog.
    await dialog.getByRole('button', { name: 'PNG 1×' }).focus();
    await page.keyboard.press('Tab');
    check(
      'Tab moves from PNG 1× to PNG 2×',
      (await page.evaluate(() => document.activeElement?.textContent)) === 'PNG 2×',
    );

    // Small window: the dialog scrolls and the export is still reachable.
    await page.setViewportSize({ width: 640, height: 400 });
    await dialog.getByRole('button', { name: 'PNG 1×' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(save, 'export-dialog-640x400.png') });

    // A scene drawn with an SVG clip path (persistence): the SVG keeps its local
    // reference and nothing points outside it; the scene's text is in it.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${base}/#s=persistence-rdb-vs-aof&f=12`);
    await page.locator('section.player[data-frame="12"]').waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Share' }).click();
    const persist = await download(page, 'SVG 1×');
    const ptext = persist.bytes.toString('utf8');
    check(
      'persistence SVG: the scene (chart with a clip path) is in it, no outside reference',
      outsideReferences(ptext).length === 0 &&
        /id="persist-past"/.test(ptext) &&
        /url\(#persist-past\)/.test(ptext) &&
        ptext.includes('power loss') &&
        /acked writes/i.test(ptext),
      JSON.stringify(outsideReferences(ptext)),
    );
    check('no page errors while exporting', errors.length === 0, errors.join('\n       '));
  } finally {
    await page.close();
  }
}

// Alone: build first, then `node tests/browser/export.mjs`.
await standalone(
  import.meta.url,
  'export',
  (browser, check, base) => exportChecks(browser, base, check),
  { serve: true },
);
