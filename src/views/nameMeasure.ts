import type { MeasureName } from './stageLayout';

/**
 * Measures node names in the font `el` actually renders (its computed family,
 * weight 650) with a canvas, so names are fitted to real widths rather than an
 * estimate. Undefined where there is no 2D canvas (jsdom): the estimate applies.
 */
export function nameMeasure(el: Element | undefined): MeasureName | undefined {
  if (!el || typeof CanvasRenderingContext2D === 'undefined') return undefined;
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return undefined;
  ctx.font = `650 100px ${getComputedStyle(el).fontFamily || 'sans-serif'}`;
  const widths = new Map<string, number>();
  return (text) => {
    let w = widths.get(text);
    if (w === undefined) {
      w = ctx.measureText(text).width / 100;
      widths.set(text, w);
    }
    return w;
  };
}
