import { escapeXml, serializeWithStyles, type StyleDefaults } from './inlineStyles';

/** A picture of part of the page as a standalone SVG; width and height in CSS px. */
export interface RegionPicture {
  svg: string;
  width: number;
  height: number;
}

/** The box around `elements` on the page, in CSS px, whole pixels. */
export function regionBox(elements: Element[]): {
  rects: DOMRect[];
  left: number;
  top: number;
  width: number;
  height: number;
} {
  if (!elements.length) throw new Error('nothing to export: the stage is not on the page');
  const rects = elements.map((e) => e.getBoundingClientRect());
  const left = Math.min(...rects.map((r) => r.left));
  const top = Math.min(...rects.map((r) => r.top));
  const width = Math.max(1, Math.ceil(Math.max(...rects.map((r) => r.right)) - left));
  const height = Math.max(1, Math.ceil(Math.max(...rects.map((r) => r.bottom)) - top));
  return { rects, left, top, width, height };
}

/**
 * Draws `elements` where they sit on the page into one SVG: an opaque
 * background (the page's), then each element's HTML (and inline SVG) inside a
 * <foreignObject>, absolutely placed, with its used styles inlined. `scale`
 * sets the SVG's width and height (its viewBox stays in CSS px).
 */
export function regionSvg(
  elements: Element[],
  opts: {
    scale: number;
    background: string;
    defaults: StyleDefaults;
    fontFamily?: (list: string) => string;
  },
): RegionPicture {
  const { rects, left, top, width, height } = regionBox(elements);
  let body = '';
  elements.forEach((el, i) => {
    const r = rects[i];
    const box = `position:absolute;left:${r.left - left}px;top:${r.top - top}px;width:${r.width}px;height:${r.height}px;`;
    const inner = serializeWithStyles(el, {
      defaults: opts.defaults,
      fontFamily: opts.fontFamily,
      // The root is sized by the page's layout (percentages, flex): fix its box as seen.
      rootStyle: `margin:0;position:relative;left:auto;top:auto;box-sizing:border-box;width:${r.width}px;height:${r.height}px;min-width:0;min-height:0;max-width:none;max-height:none;flex:none;`,
    });
    body += `<div style="${box}">${inner}</div>`;
  });
  const w = Math.round(width * opts.scale);
  const h = Math.round(height * opts.scale);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="${width}" height="${height}" fill="${escapeXml(opts.background)}"/>` +
    `<foreignObject x="0" y="0" width="${width}" height="${height}">` +
    `<div xmlns="http://www.w3.org/1999/xhtml" style="position:relative;margin:0;width:${width}px;height:${height}px;overflow:hidden">` +
    body +
    `</div></foreignObject></svg>`;
  return { svg, width, height };
}

/**
 * Decodes an SVG text as an image. Through a data: URL, as Chromium taints a
 * canvas that drew a <foreignObject> SVG from a blob: URL (so the page's CSP
 * must allow img-src data:).
 */
export async function svgImage(svg: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  return img;
}
