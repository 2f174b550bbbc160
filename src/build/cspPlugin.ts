import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/**
 * The Content-Security-Policy of the normal build (dist/): every script and
 * style sheet is a file of this origin (runs go on the page: no worker).
 * `img-src data:` is the inlined favicon and the export's SVG, drawn onto a
 * canvas through a data: image (Chromium taints a canvas drawn from a blob:
 * one); downloads are blob: links, which img-src does not govern.
 * `frame-ancestors` is left to the host (a meta tag cannot carry it anyway).
 */
export const DIST_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * The single-file build's policy: nothing is loaded from anywhere, its inline
 * script and style run by their sha256 hashes. Pure.
 */
export function singlePolicy(scriptHashes: string[], styleHashes: string[]): string {
  const quoted = (hs: string[]): string => hs.map((h) => `'${h}'`).join(' ') || "'none'";
  return [
    "default-src 'none'",
    `script-src ${quoted(scriptHashes)}`,
    `style-src ${quoted(styleHashes)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** `sha256-<base64>` of an inline element's text, as CSP hashes it (UTF-8). Pure. */
export function cspHash(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/** The text of each inline `<tag>` (one without src) in `html`. Pure. */
function inlineBodies(html: string, tag: 'script' | 'style'): string[] {
  const re = new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, 'gi');
  return [...html.matchAll(re)].filter((m) => !/\bsrc\s*=/i.test(m[1])).map((m) => m[2]);
}

/**
 * `html` with the policy as a meta tag right after its charset declaration (or
 * first in its head), ahead of anything it governs. Pure.
 */
export function withCspMeta(html: string, policy: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
  return /<meta charset[^>]*>/i.test(html)
    ? html.replace(/<meta charset[^>]*>/i, (m) => `${m}\n    ${meta}`)
    : html.replace(/<head>/i, `<head>\n    ${meta}`);
}

/**
 * Emits the build's Content-Security-Policy: a meta tag in index.html and, in
 * the normal build, a `_headers` file (Netlify, Cloudflare Pages) carrying the
 * same policy as a real header. In `single` mode the policy lists the hashes
 * of the script and style vite-plugin-singlefile inlined, so it must run after
 * that plugin (enforce 'post', listed after it).
 */
export function cspPlugin(mode: string): Plugin {
  const single = mode === 'single';
  return {
    name: 'speed-layer-csp',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const page = bundle['index.html'];
        if (!page || page.type !== 'asset') throw new Error('cspPlugin: no index.html in bundle');
        const html = String(page.source);
        const scripts = inlineBodies(html, 'script').map(cspHash);
        const styles = inlineBodies(html, 'style').map(cspHash);
        if (!single && scripts.length + styles.length > 0)
          throw new Error('cspPlugin: the normal build has inline code its policy would block');
        const policy = single ? singlePolicy(scripts, styles) : DIST_POLICY;
        page.source = withCspMeta(html, policy);
        if (!single)
          this.emitFile({
            type: 'asset',
            fileName: '_headers',
            source: `/*\n  Content-Security-Policy: ${policy}\n  X-Content-Type-Options: nosniff\n`,
          });
      },
    },
  };
}
