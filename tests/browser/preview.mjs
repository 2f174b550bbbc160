// A long first run draws its start while the rest computes: opening
// persistence-rdb-vs-aof at the top of its ranges (seconds of computing) shows
// the first frames with a "Computing…" pill at once, Share waits, and the whole
// run then replaces the preview in the same player (more frames, no pill, the
// learner's frame kept), with no page error. Called from run.mjs.
const QUERY =
  's=persistence-rdb-vs-aof&p.writesPerSec=100&p.crashAtSec=300&p.snapshotEverySec=5&p.restartAfterSec=30';

const framesOf = async (page) =>
  Number(/\/ (\d+)/.exec((await page.locator('.clock .frame').textContent()) ?? '')?.[1] ?? 0);

export async function previewCheck(browser, base, check) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${base}/?${QUERY}`);
    await page.locator('section.player[data-whole=false]').waitFor({ timeout: 60_000 });
    const pill = page.getByRole('status', { name: 'Computing the rest of the run…' });
    const preview = {
      pill: await pill.isVisible(),
      frames: await framesOf(page),
      scoreboard: await page.locator('.scoreboard').isVisible(),
      shareDisabled: await page.locator('.toolbar .share').isDisabled(),
    };
    check(
      'a long first run shows its first frames at once, with a Computing… pill and Share waiting',
      preview.pill && preview.frames >= 1 && preview.scoreboard && preview.shareDisabled,
      JSON.stringify(preview),
    );
    // Step while it computes: the whole run keeps the learner's frame.
    await page.locator('.stage-wrap').focus();
    await page.keyboard.press('ArrowRight');
    const stepped = Number(await page.locator('section.player').getAttribute('data-frame'));
    await page.locator('section.player[data-whole=true]').waitFor({ timeout: 120_000 });
    const whole = {
      pill: await page.locator('.progress-strip').count(),
      frames: await framesOf(page),
      frame: Number(await page.locator('section.player').getAttribute('data-frame')),
      shareEnabled: await page.locator('.toolbar .share').isEnabled(),
    };
    check(
      'then the whole run replaces it in the same player: more frames, the frame kept, no pill',
      whole.pill === 0 &&
        whole.frames > preview.frames &&
        whole.frame === stepped &&
        whole.shareEnabled,
      JSON.stringify({ stepped, ...whole }),
    );
    check('no page error while previewing', errors.length === 0, errors.join('\n'));
  } finally {
    await page.close();
  }
}
