import { EMBED_HEIGHT, iframeSnippet } from './shareSnippets';
import { THUMB_SIZE, thumbPath } from './thumbImage';

/** An oEmbed 1.0 "rich" response for one scenario. */
export interface OEmbed {
  version: '1.0';
  type: 'rich';
  title: string;
  provider_name: 'Speed Layer';
  html: string;
  width: number;
  height: number;
  thumbnail_url: string;
  thumbnail_width: number;
  thumbnail_height: number;
}

/**
 * The static oEmbed JSON for scenario `id` served from `base` (the app's
 * address, ending in '/'; absolute for consumers to use it): an iframe of the
 * embed view, and the build's picture of the scenario as its thumbnail. Pure.
 */
export function oembedFor(id: string, title: string, base: string): OEmbed {
  const src = `${base}#s=${encodeURIComponent(id)}&embed=1`;
  const full = `Speed Layer: ${title}`;
  return {
    version: '1.0',
    type: 'rich',
    title: full,
    provider_name: 'Speed Layer',
    html: iframeSnippet(src, full),
    width: 960,
    height: EMBED_HEIGHT,
    thumbnail_url: `${base}${thumbPath(id)}`,
    thumbnail_width: THUMB_SIZE.width,
    thumbnail_height: THUMB_SIZE.height,
  };
}
