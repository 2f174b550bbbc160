import type { Packet } from '../sim';
import type { Pill } from './packetPlacement';

/**
 * Packets in flight above which the Stage draws them on a canvas instead of as
 * SVG. Measured in headless Chromium (`node tests/bench/renderBench.mjs
 * --threshold`: the real Stage, 8 web servers, Redis and Postgres, packets
 * streaming on all 32 lanes; software raster; 2 CPUs at load 15–20), as
 * main-thread ms a frame, SVG over canvas, in two runs: 0.8–1.9× at 10
 * packets, 2.4–2.6× at 25, 4.7–6.8× at 50, 1.7–6.6× at 100, 3–9× at 400,
 * 3–12× at 5,000 (each moving pill is laid out, restyled and the whole SVG
 * repainted). Up to 20, which covers every scenario at its defaults, SVG keeps
 * each pill's tooltip and its DOM for tests; beyond, the canvas.
 */
export const CANVAS_ABOVE = 20;

/** Fill and border of one packet kind. */
interface KindColours {
  fill: string;
  stroke: string;
}

/** The colours and font the SVG pills take from CSS, read for the canvas. */
export interface PacketPalette {
  kinds: Record<Packet['kind'], KindColours>;
  text: string;
  /** Background and text of the "×n" badge. */
  badge: string;
  badgeText: string;
  fontMono: string;
}

const KINDS: Packet['kind'][] = ['request', 'reply', 'push', 'error'];

/**
 * Reads the packet colours from the CSS custom properties the SVG pills use
 * (so light, dark and any later theme agree without a second palette).
 */
export function readPacketPalette(el: Element): PacketPalette {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string): string =>
    css.getPropertyValue(name).trim() || fallback;
  const kinds = {} as Record<Packet['kind'], KindColours>;
  for (const k of KINDS)
    kinds[k] = { fill: v(`--pill-${k}`, '#ddd'), stroke: v(`--pill-${k}-border`, '#888') };
  return {
    kinds,
    text: v('--pill-text', '#000'),
    badge: v('--text', '#000'),
    badgeText: v('--bg', '#fff'),
    fontMono: v('--font-mono', 'monospace'),
  };
}

/**
 * Sizes a canvas's backing store to its CSS size times the device pixel ratio
 * (sharp on high-density screens and after zooming). Returns the ratio used.
 */
export function sizeCanvas(
  canvas: HTMLCanvasElement,
  widthPx: number,
  heightPx: number,
  dpr: number,
): number {
  const ratio = dpr > 0 && Number.isFinite(dpr) ? dpr : 1;
  const w = Math.max(1, Math.round(widthPx * ratio));
  const h = Math.max(1, Math.round(heightPx * ratio));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  return ratio;
}

/**
 * Draws pills exactly as Stage.svelte's SVG does (a 20 px rounded pill with
 * its label, and a "×n" badge on a merged pill), in the same order, in CSS
 * pixels scaled by `dpr`. The canvas is cleared first.
 */
export function drawPills(
  ctx: CanvasRenderingContext2D,
  pills: readonly Pill[],
  palette: PacketPalette,
  widthPx: number,
  heightPx: number,
  dpr: number,
): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, Math.round(widthPx * dpr), Math.round(heightPx * dpr));
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.lineWidth = 1;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  const font = `11px ${palette.fontMono}`;
  const badgeFont = `700 9.5px ${palette.fontMono}`;
  for (const p of pills) {
    const c = palette.kinds[p.kind];
    ctx.beginPath();
    ctx.roundRect(p.x - p.pw / 2, p.y - 10, p.pw, 20, 10);
    ctx.fillStyle = c.fill;
    ctx.fill();
    ctx.strokeStyle = c.stroke;
    ctx.stroke();
    ctx.font = font;
    ctx.fillStyle = palette.text;
    ctx.fillText(p.text, p.x, p.y + 4);
    if (p.count > 1) {
      const bx = p.x + p.pw / 2;
      const by = p.y - 9;
      ctx.beginPath();
      ctx.roundRect(bx - 11, by - 7, 22, 14, 7);
      ctx.fillStyle = palette.badge;
      ctx.fill();
      ctx.font = badgeFont;
      ctx.fillStyle = palette.badgeText;
      ctx.fillText(`×${p.count}`, bx, by + 3.5);
    }
  }
}

/** What the packet canvas draws: the Stage's pills and its size in CSS px. */
export interface PacketCanvasParams {
  pills: readonly Pill[];
  width: number;
  height: number;
}

/**
 * Svelte action: draws `pills` on the canvas whenever they change (the Stage
 * recomputes them when display time moves, so there is no animation loop of
 * its own and reduced motion behaves as in SVG: the canvas shows the Player's
 * time, nothing tweens). Redraws on a theme switch (`data-theme` on the root)
 * and when the device pixel ratio changes (zoom, a move to another screen).
 */
export function packetCanvas(
  canvas: HTMLCanvasElement,
  params: PacketCanvasParams,
): { update: (p: PacketCanvasParams) => void; destroy: () => void } {
  let current = params;
  let palette = readPacketPalette(canvas);
  const ctx = canvas.getContext('2d');
  const draw = (): void => {
    if (!ctx) return;
    const dpr = sizeCanvas(canvas, current.width, current.height, window.devicePixelRatio);
    drawPills(ctx, current.pills, palette, current.width, current.height, dpr);
  };
  const rethemed = new MutationObserver(() => {
    palette = readPacketPalette(canvas);
    draw();
  });
  rethemed.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  let dprQuery: MediaQueryList | null = null;
  const watchDpr = (): void => {
    dprQuery?.removeEventListener('change', onDpr);
    if (typeof matchMedia !== 'function') return;
    dprQuery = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    dprQuery.addEventListener('change', onDpr);
  };
  function onDpr(): void {
    watchDpr();
    draw();
  }
  watchDpr();
  draw();
  return {
    update(p) {
      current = p;
      draw();
    },
    destroy() {
      rethemed.disconnect();
      dprQuery?.removeEventListener('change', onDpr);
    },
  };
}
