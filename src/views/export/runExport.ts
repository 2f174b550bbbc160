/**
 * Export, frame-exact: the player is sought to each frame (the page is a pure
 * function of the trace at that frame), the export region is serialized to an
 * SVG, drawn on a canvas and encoded. Loaded on demand (a dynamic import), so
 * the encoders stay out of the main bundle.
 */
import { exportFilename, type ExportKind } from './exportFilename';
import { fontResolver } from './fontResolver';
import { EXPORTING_CLASS, captionAt, type ExportTarget } from './exportTarget';
import type { FrameRange } from './frameRange';
import { GifWriter } from './GifWriter';
import { StyleDefaults } from './inlineStyles';
import { regionBox, regionSvg, svgImage } from './regionSvg';
import { wrapCaption } from './wrapCaption';

export interface ExportResult {
  blob: Blob;
  filename: string;
  width: number;
  height: number;
  frames: number;
}

export interface AnimationOptions {
  kind: 'gif' | 'webm';
  range: FrameRange;
  /** Output width in px; the height follows the region's aspect ratio. */
  width: number;
  /** How long each frame shows, in ms. */
  frameMs: number;
  /** Burns the narration in as a strip below the picture. */
  caption: boolean;
  onprogress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

function pageBackground(): string {
  const bg = getComputedStyle(document.body).backgroundColor;
  return bg && bg !== 'rgba(0, 0, 0, 0)' ? bg : '#ffffff';
}

function yieldToPage(): Promise<void> {
  return new Promise((ok) => setTimeout(ok, 0));
}

function aborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new DOMException('Export cancelled', 'AbortError');
}

/** Runs `work` with transitions off and the player paused; puts the player back where it was if asked. */
async function exporting<T>(
  target: ExportTarget,
  restore: boolean,
  work: () => Promise<T>,
): Promise<T> {
  const { player } = target;
  const at = player.tNs;
  player.pause();
  const root = document.documentElement;
  root.classList.add(EXPORTING_CLASS);
  try {
    return await work();
  } finally {
    root.classList.remove(EXPORTING_CLASS);
    if (restore) {
      player.seekTime(at);
      await target.settle();
    }
  }
}

/**
 * A PNG or a standalone SVG of the current frame at `scale` (1 or 2). A player
 * between two frames (playing, gliding) is first put exactly on its frame.
 */
export async function exportStill(
  target: ExportTarget,
  kind: 'png' | 'svg',
  scale: number,
): Promise<ExportResult> {
  return exporting(target, false, async () => {
    const { player } = target;
    const frame = player.frame;
    if (player.tNs !== player.trace.frames[frame]?.t) player.seekFrame(frame);
    await target.settle();
    const defaults = new StyleDefaults();
    try {
      const pic = regionSvg(target.region(), {
        scale,
        background: pageBackground(),
        defaults,
        fontFamily: fontResolver(),
      });
      const filename = exportFilename(target.scenario, kind, { from: frame }, scale);
      const w = Math.round(pic.width * scale);
      const h = Math.round(pic.height * scale);
      if (kind === 'svg') {
        const blob = new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${pic.svg}`], {
          type: 'image/svg+xml',
        });
        return { blob, filename, width: w, height: h, frames: 1 };
      }
      const img = await svgImage(pic.svg);
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2D canvas to draw on');
      ctx.drawImage(img, 0, 0, w, h);
      const blob = await new Promise<Blob>((ok, fail) =>
        canvas.toBlob((b) => (b ? ok(b) : fail(new Error('the PNG encoder failed'))), 'image/png'),
      );
      return { blob, filename, width: w, height: h, frames: 1 };
    } finally {
      defaults.dispose();
    }
  });
}

/** Caption strip geometry for a frame `width` px wide: font size, line height, lines. */
function captionLayout(
  ctx: CanvasRenderingContext2D,
  texts: string[],
  width: number,
  font: string,
): { fontPx: number; linePx: number; pad: number; lines: string[][]; height: number } {
  const fontPx = Math.max(11, Math.round(width / 42));
  const linePx = Math.round(fontPx * 1.3);
  const pad = Math.round(fontPx * 0.6);
  ctx.font = `${fontPx}px ${font}`;
  const lines = texts.map((t) =>
    wrapCaption(t, width - 2 * pad, (s) => ctx.measureText(s).width, 3),
  );
  const most = Math.max(1, ...lines.map((l) => l.length));
  return { fontPx, linePx, pad, lines, height: most * linePx + 2 * pad };
}

/**
 * An animated GIF or a WebM video of the frames in `range`, each shown for
 * `frameMs`, `width` px wide, optionally with the narration as a caption
 * strip. Cancellable through `signal` (rejects with an AbortError); the
 * player returns to where it was.
 */
export async function exportAnimation(
  target: ExportTarget,
  opts: AnimationOptions,
): Promise<ExportResult> {
  const { player } = target;
  const { from, to } = opts.range;
  const total = to - from + 1;
  return exporting(target, true, async () => {
    const defaults = new StyleDefaults();
    const fontFamily = fontResolver();
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: opts.kind === 'gif' });
    if (!ctx) throw new Error('no 2D canvas to draw on');
    let webm: import('./WebmWriter').WebmWriter | null = null;
    const gif = opts.kind === 'gif' ? new GifWriter() : null;
    try {
      player.seekFrame(from);
      await target.settle();
      const first = target.region();
      const uiFont = fontFamily(getComputedStyle(first[0] ?? document.body).fontFamily);
      const box = regionBox(first);
      const width = Math.round(opts.width / 2) * 2;
      const picH = Math.round((box.height * width) / box.width);
      const strip = opts.caption
        ? captionLayout(
            ctx,
            Array.from({ length: total }, (_, k) => captionAt(player, from + k)),
            width,
            uiFont,
          )
        : null;
      // VP8/VP9 want even sides.
      const height = Math.ceil((picH + (strip?.height ?? 0)) / 2) * 2;
      canvas.width = width;
      canvas.height = height;
      if (opts.kind === 'webm') {
        const { WebmWriter } = await import('./WebmWriter');
        webm = await WebmWriter.open(canvas);
      }
      const background = pageBackground();
      for (let k = 0; k < total; k++) {
        aborted(opts.signal);
        if (k > 0) {
          player.seekFrame(from + k);
          await target.settle();
        }
        const pic = regionSvg(target.region(), {
          scale: width / box.width,
          background,
          defaults,
          fontFamily,
        });
        const img = await svgImage(pic.svg);
        aborted(opts.signal);
        ctx.fillStyle = background;
        ctx.fillRect(0, 0, width, height);
        ctx.drawImage(img, 0, 0, width, picH);
        if (strip) {
          ctx.fillStyle = '#1b1f2a';
          ctx.fillRect(0, picH, width, height - picH);
          ctx.fillStyle = '#ffffff';
          ctx.font = `${strip.fontPx}px ${uiFont}`;
          ctx.textBaseline = 'top';
          strip.lines[k].forEach((line, j) =>
            ctx.fillText(line, strip.pad, picH + strip.pad + j * strip.linePx),
          );
        }
        if (gif)
          gif.addFrame(ctx.getImageData(0, 0, width, height).data, width, height, opts.frameMs);
        else if (webm) await webm.add((k * opts.frameMs) / 1000, opts.frameMs / 1000);
        opts.onprogress?.(k + 1, total);
        await yieldToPage();
      }
      aborted(opts.signal);
      const bytes = gif ? gif.finish() : await (webm as NonNullable<typeof webm>).finish();
      webm = null;
      const kind: ExportKind = opts.kind;
      return {
        blob: new Blob([bytes as BlobPart], { type: kind === 'gif' ? 'image/gif' : 'video/webm' }),
        filename: exportFilename(target.scenario, kind, { from, to }),
        width,
        height,
        frames: total,
      };
    } finally {
      if (webm) await webm.cancel().catch(() => undefined);
      defaults.dispose();
    }
  });
}
