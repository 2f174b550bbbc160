import omggif from 'omggif';
import { describe, expect, it } from 'vitest';
import { GifWriter } from '../../../src/views/export/GifWriter';

/** A w×h RGBA frame: a solid colour with a 4×4 block of another at (x, 2). */
function frame(w: number, h: number, bg: number[], x: number): Uint8Array {
  const px = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    const cx = i % w;
    const cy = Math.floor(i / w);
    const block = cx >= x && cx < x + 4 && cy >= 2 && cy < 6;
    px.set(block ? [200, 30, 30, 255] : bg, i * 4);
  }
  return px;
}

describe('GifWriter', () => {
  it('writes a looping GIF that decodes to the frames, sizes and delays given', () => {
    const gif = new GifWriter();
    const w = 40;
    const h = 12;
    for (let k = 0; k < 5; k++) gif.addFrame(frame(w, h, [240, 242, 246, 255], k * 6), w, h, 500);
    expect(gif.frameCount).toBe(5);
    const bytes = gif.finish();
    expect(new TextDecoder().decode(bytes.slice(0, 6))).toBe('GIF89a');
    const r = new omggif.GifReader(bytes);
    expect([r.width, r.height, r.numFrames(), r.loopCount()]).toEqual([w, h, 5, 0]);
    for (let k = 0; k < 5; k++) {
      expect(r.frameInfo(k).delay).toBe(50);
      const px = new Uint8Array(w * h * 4);
      r.decodeAndBlitFrameRGBA(k, px);
      // The red block moved 6 px per frame; the background stayed.
      const at = (x: number, y: number): number[] => [
        ...px.slice((y * w + x) * 4, (y * w + x) * 4 + 3),
      ];
      expect(at(k * 6 + 1, 3)).toEqual([200, 30, 30]);
      expect(at((k * 6 + 20) % w, 9)).toEqual([240, 242, 246]);
    }
  });

  it('refuses a frame whose pixels do not match its size', () => {
    expect(() => new GifWriter().addFrame(new Uint8Array(10), 4, 4, 100)).toThrow(
      'frame is 10 bytes, expected 4×4×4',
    );
  });
});
