/** An inclusive range of frame indices. */
export interface FrameRange {
  from: number;
  to: number;
}

/** Most frames one GIF or video export renders (a long GIF grows past what a slide deck takes). */
export const MAX_EXPORT_FRAMES = 400;

/**
 * The range a GIF or video export starts with: the whole run when it is short,
 * else the current frame and `around` frames either side (clamped). Pure.
 */
export function defaultFrameRange(frame: number, frameCount: number, around = 15): FrameRange {
  const last = Math.max(0, frameCount - 1);
  if (frameCount <= 2 * around + 1) return { from: 0, to: last };
  const from = Math.min(Math.max(0, frame - around), last - 2 * around);
  return { from, to: from + 2 * around };
}

/**
 * Reads the from/to fields of the export form, numbered as the timeline shows
 * frames (1 to frameCount): whole decimal numbers inside the run, from ≤ to,
 * at most `max` frames. Returns the range as frame indices (from 0), or a
 * sentence saying what to fix. Pure.
 */
export function parseFrameRange(
  fromText: string,
  toText: string,
  frameCount: number,
  max = MAX_EXPORT_FRAMES,
): { range: FrameRange } | { error: string } {
  const last = frameCount;
  if (last < 1) return { error: 'This run has no frames.' };
  const read = (s: string): number | null => (/^\s*\d{1,9}\s*$/.test(s) ? Number(s) : null);
  const from = read(fromText);
  const to = read(toText);
  if (from === null) return { error: `“From” must be a whole frame number from 1 to ${last}.` };
  if (to === null) return { error: `“To” must be a whole frame number from 1 to ${last}.` };
  if (from === 0) return { error: '“From” counts from frame 1.' };
  if (to === 0) return { error: '“To” counts from frame 1.' };
  if (from > last) return { error: `“From” is past the last frame (${last}).` };
  if (to > last) return { error: `“To” is past the last frame (${last}).` };
  if (from > to) return { error: '“From” must not be after “To”.' };
  if (to - from + 1 > max)
    return { error: `That is ${to - from + 1} frames; export at most ${max} at once.` };
  return { range: { from: from - 1, to: to - 1 } };
}
