// Visual QA helper: tiles screenshots four to a sheet (2x2) so they can be
// looked at together. Usage: node tests/browser/contact.mjs out.png a.png b.png ...
import { readFileSync } from 'node:fs';
import { launch } from './serve.mjs';

const [out, ...files] = process.argv.slice(2);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1290, height: 810 } });
  const imgs = files
    .map(
      (f) =>
        `<figure><img src="data:image/png;base64,${readFileSync(f).toString('base64')}"><figcaption>${f.split('/').pop()}</figcaption></figure>`,
    )
    .join('');
  await page.setContent(
    `<style>body{margin:0;display:grid;grid-template-columns:640px 640px;gap:4px;background:#888}
    figure{margin:0;position:relative;width:640px;height:400px;overflow:hidden}
    img{width:640px;height:auto;display:block}
    figcaption{position:absolute;right:0;bottom:0;background:#000a;color:#fff;font:11px monospace;padding:1px 4px}</style>${imgs}`,
  );
  await page.screenshot({ path: out, fullPage: true });
} finally {
  await browser.close();
}
