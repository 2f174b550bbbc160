// Types for the parts of omggif (which ships none) the export tests use to decode GIFs.
declare module 'omggif' {
  export class GifReader {
    constructor(buf: Uint8Array);
    width: number;
    height: number;
    numFrames(): number;
    loopCount(): number | null;
    frameInfo(i: number): { x: number; y: number; width: number; height: number; delay: number };
    decodeAndBlitFrameRGBA(i: number, pixels: Uint8Array): void;
  }
  const omggif: { GifReader: typeof GifReader };
  export default omggif;
}
