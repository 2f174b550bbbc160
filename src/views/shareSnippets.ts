import { thumbPath } from './thumbImage';

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
/**
 * The iframe a page pastes to embed the player at `src`: lazy, borderless, as
 * tall as EMBED_HEIGHT. One markup for the share dialog and the oEmbed answers.
 */
export function iframeSnippet(src: string, title: string): string {
  return (
    `<iframe src="${attr(src)}" title="${attr(title)}" width="100%" height="${EMBED_HEIGHT}"` +
    ` loading="lazy" allow="fullscreen; clipboard-write" style="border: 0"></iframe>`
  );
}
/** Escapes text for Markdown link text. */
const mdText = (s: string): string => s.replace(/([\\[\]])/g, '\\$1');

/**
 * The share dialog's snippets for the page at `base` (origin and path, no
 * hash) showing `hash` (a serialized UrlState, no '#') of scenario `id`
 * titled `title`: a link to this frame,
 * an iframe (embed=1), a reveal.js slide (an iframe it loads ahead) and
 * Markdown (the build's picture of the scenario, thumbs/<id>.svg, linked to
 * this frame). Pure.
 */
export function shareSnippets(
  base: string,
  hash: string,
  title: string,
  id: string,
): ShareSnippets {
  const link = `${base}${hash ? `#${hash}` : ''}`;
  const q = new URLSearchParams(hash);
  q.set('embed', '1');
  const embedUrl = `${base}#${q.toString()}`;
  const fullTitle = `Speed Layer: ${title}`;
  const iframe = iframeSnippet(embedUrl, fullTitle);
  // data-src (not src): reveal.js sets it when the slide is near; data-preload loads it ahead.
  const reveal =
    `<section><iframe data-src="${attr(embedUrl)}" data-preload title="${attr(fullTitle)}"` +
    ` width="100%" height="${EMBED_HEIGHT}" allow="fullscreen; clipboard-write" style="border: 0"></iframe></section>`;
  const image = new URL(thumbPath(id), base).href;
  const markdown = `[![${mdText(fullTitle)}](${image})](${link})`;
  return { link, embedUrl, iframe, reveal, markdown };
}
