import { GIFEncoder, applyPalette, quantize, type Encoder } from 'gifenc';

/**
 * Builds an animated GIF (looping forever) from RGBA frames with gifenc: each
 * frame gets its own 256-colour palette, so a red crash badge on one frame does
 * not cost the next frame's greys. Works in Node as in the browser.
 */
export class GifWriter {
  private readonly gif: Encoder = GIFEncoder();
  private frames = 0;

  /** Adds one frame shown for `delayMs` (GIFs count in 10 ms steps). */
  addFrame(
    rgba: Uint8Array | Uint8ClampedArray,
    width: number,
    height: number,
    delayMs: number,
  ): void {
    if (rgba.length !== width * height * 4)
      throw new Error(`frame is ${rgba.length} bytes, expected ${width}×${height}×4`);
    const palette = quantize(rgba, 256);
    const index = applyPalette(rgba, palette);
    this.gif.writeFrame(index, width, height, { palette, delay: delayMs, repeat: 0 });
    this.frames++;
  }

  get frameCount(): number {
    return this.frames;
  }

  /** The finished file. */
  finish(): Uint8Array {
    this.gif.finish();
    return this.gif.bytes();
  }
}
