/**
 * The theme variable a node of `kind` is drawn in on a thumbnail (the home
 * cards and the build's standalone per-scenario SVGs share this choice).
 */
export function kindColorVar(kind: string): string {
  switch (kind) {
    case 'webServer':
    case 'worker':
    case 'loadBalancer':
      return '--pill-request-border';
    case 'redis':
      return '--accent';
    case 'memcached':
      return '--pill-reply-border';
    case 'postgres':
      return '--pill-push-border';
    default:
      return '--text-muted';
  }
}

/** How much of a node's colour tints its box over the node background. */
export const BOX_TINT = 0.12;

const hex = (c: string): number[] => {
  const m = /^#([0-9a-f]{6})$/i.exec(c.trim());
  if (!m) throw new Error(`not a #rrggbb colour: ${c}`);
  return [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16));
};

/**
 * `color-mix(in srgb, a share, b)` for two #rrggbb colours, as #rrggbb: what
 * the cards' CSS computes, for an SVG that must not depend on CSS. Pure.
 */
export function mixSrgb(a: string, b: string, share: number): string {
  const [x, y] = [hex(a), hex(b)];
  return `#${x
    .map((v, i) => Math.round(v * share + y[i] * (1 - share)))
    .map((v) => v.toString(16).padStart(2, '0'))
    .join('')}`;
}
