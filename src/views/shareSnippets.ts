/** What the share dialog offers to copy, all built from one page address and hash. */
export interface ShareSnippets {
  link: string;
  embedUrl: string;
  iframe: string;
  reveal: string;
  markdown: string;
}

/** Height of an embedded player that fits stage, narration and timeline. */
export const EMBED_HEIGHT = 560;

/** Escapes text for a double-quoted HTML attribute. */
const attr = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Escapes text for Markdown link text. */
const mdText = (s: string): string => s.replace(/([\\[\]])/g, '\\$1');

/**
 * The share dialog's snippets for the page at `base` (origin and path, no
 * hash) showing `hash` (a serialized UrlState, no '#'): a link to this frame,
 * an iframe (embed=1), a reveal.js slide and Markdown (the static screenshot,
 * linked). Pure.
 */
export function shareSnippets(base: string, hash: string, title: string): ShareSnippets {
  const link = `${base}${hash ? `#${hash}` : ''}`;
  const q = new URLSearchParams(hash);
  q.set('embed', '1');
  const embedUrl = `${base}#${q.toString()}`;
  const fullTitle = `Speed Layer: ${title}`;
  const iframe =
    `<iframe src="${attr(embedUrl)}" title="${attr(fullTitle)}" width="100%" height="${EMBED_HEIGHT}"` +
    ` loading="lazy" allow="fullscreen; clipboard-write" style="border: 0"></iframe>`;
  const reveal = `<section data-background-iframe="${attr(embedUrl)}" data-background-interactive></section>`;
  const image = new URL('screenshot.png', base).href;
  const markdown = `[![${mdText(fullTitle)}](${image})](${link})`;
  return { link, embedUrl, iframe, reveal, markdown };
}
