/** What an export produces: a still of the current frame or an animation of a range. */
export type ExportKind = 'png' | 'svg' | 'gif' | 'webm';

/**
 * The download name of an export: `speed-layer-<scenario>-f<frame>.png` for a
 * still (`@2x` before the extension at scale 2), `…-f<from>-<to>.gif` for a
 * range. The scenario id is reduced to safe filename characters. Pure.
 */
export function exportFilename(
  scenario: string,
  kind: ExportKind,
  frames: { from: number; to?: number },
  scale = 1,
): string {
  const id =
    scenario
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'scenario';
  const range =
    frames.to === undefined || frames.to === frames.from
      ? `f${frames.from}`
      : `f${frames.from}-${frames.to}`;
  const at = scale !== 1 && (kind === 'png' || kind === 'svg') ? `@${scale}x` : '';
  return `speed-layer-${id}-${range}${at}.${kind}`;
}
