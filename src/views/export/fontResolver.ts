/** Generic families: they name no face, so they never count as "the one in use". */
const GENERIC = new Set([
  'serif',
  'sans-serif',
  'monospace',
  'cursive',
  'fantasy',
  'system-ui',
  'ui-serif',
  'ui-sans-serif',
  'ui-monospace',
  'ui-rounded',
  'math',
  'emoji',
  '-apple-system',
  'blinkmacsystemfont',
]);

/** Faces the generic names often map to, tried after the list's own names. */
const COMMON = [
  'DejaVu Sans',
  'Noto Sans',
  'Liberation Sans',
  'Cantarell',
  'Ubuntu',
  'Segoe UI',
  'SF Pro Text',
  'Helvetica Neue',
  'Arial',
  'DejaVu Sans Mono',
  'Noto Sans Mono',
  'Liberation Mono',
  'SF Mono',
  'Menlo',
  'Consolas',
];

/** Splits a CSS font-family list into its names, quotes removed. Pure. */
export function fontFamilies(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim().replace(/^(['"])(.*)\1$/, '$2'))
    .filter(Boolean);
}

/**
 * Returns a function that rewrites a font-family list so the face this browser
 * uses for it comes first, quoted: `"DejaVu Sans", system-ui, …`. The page
 * uses system fonts (no web fonts to embed); naming the face keeps a saved SVG
 * looking the same where the generic names map elsewhere. A face counts as in
 * use when text set in it measures exactly like text set in the whole list.
 */
export function fontResolver(): (list: string) => string {
  const cache = new Map<string, string>();
  const ctx = document.createElement('canvas').getContext('2d');
  const sample = 'Redis GET user:42 → 0.1 ms Wjgq|@#';
  const widthIn = (font: string): number => {
    if (!ctx) return NaN;
    ctx.font = `40px ${font}`;
    return ctx.measureText(sample).width;
  };
  return (list: string): string => {
    const hit = cache.get(list);
    if (hit !== undefined) return hit;
    const whole = widthIn(list);
    let out = list;
    for (const name of [...fontFamilies(list), ...COMMON]) {
      if (GENERIC.has(name.toLowerCase())) continue;
      const quoted = `"${name.replace(/"/g, '')}"`;
      // The fallback differs between the two probes, so a missing face cannot match both.
      if (widthIn(`${quoted}, serif`) === whole && widthIn(`${quoted}, monospace`) === whole) {
        out = `${quoted}, ${list}`;
        break;
      }
    }
    cache.set(list, out);
    return out;
  };
}
