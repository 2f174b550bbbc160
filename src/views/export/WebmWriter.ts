import {
  BufferTarget,
  CanvasSource,
  Output,
  QUALITY_HIGH,
  WebMOutputFormat,
  canEncodeVideo,
  type VideoCodec,
} from 'mediabunny';

/**
 * Encodes what a canvas shows, frame by frame, into a WebM file: WebCodecs'
 * VideoEncoder (VP9, or VP8 where VP9 is missing) through Mediabunny's muxer.
 * The canvas must keep one size, with even width and height.
 */
export class WebmWriter {
  private constructor(
    private readonly output: Output<WebMOutputFormat, BufferTarget>,
    private readonly source: CanvasSource,
    readonly codec: VideoCodec,
  ) {}

  /** Opens a writer for `canvas`; fails with a sentence when this browser cannot encode WebM. */
  static async open(canvas: HTMLCanvasElement | OffscreenCanvas): Promise<WebmWriter> {
    if (typeof VideoEncoder === 'undefined')
      throw new Error('This browser cannot encode video (no WebCodecs VideoEncoder). Try a GIF.');
    const size = { width: canvas.width, height: canvas.height };
    let codec: VideoCodec | null = null;
    for (const c of ['vp9', 'vp8'] as const)
      if (await canEncodeVideo(c, size)) {
        codec = c;
        break;
      }
    if (!codec) throw new Error('This browser cannot encode VP9 or VP8 video. Try a GIF.');
    const output = new Output({ format: new WebMOutputFormat(), target: new BufferTarget() });
    const source = new CanvasSource(canvas, { codec, quality: QUALITY_HIGH });
    output.addVideoTrack(source);
    await output.start();
    return new WebmWriter(output, source, codec);
  }

  /** Encodes the canvas as it is now, shown from `atSec` for `durationSec`. */
  add(atSec: number, durationSec: number): Promise<void> {
    return this.source.add(atSec, durationSec);
  }

  /** Finishes the file. */
  async finish(): Promise<Uint8Array> {
    await this.output.finalize();
    const buf = this.output.target.buffer;
    if (!buf) throw new Error('the WebM muxer produced no file');
    return new Uint8Array(buf);
  }

  /** Drops the file being written (the user cancelled). */
  cancel(): Promise<void> {
    return this.output.cancel();
  }
}
