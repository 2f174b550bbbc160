import { describe, expect, it } from 'vitest';
import {
  defaultFrameRange,
  MAX_EXPORT_FRAMES,
  parseFrameRange,
} from '../../../src/views/export/frameRange';

describe('defaultFrameRange', () => {
  it.each([
    { args: [0, 10], expected: { from: 0, to: 9 } },
    { args: [5, 31], expected: { from: 0, to: 30 } },
    { args: [50, 200], expected: { from: 35, to: 65 } },
    { args: [3, 200], expected: { from: 0, to: 30 } },
    { args: [199, 200], expected: { from: 169, to: 199 } },
    { args: [0, 1], expected: { from: 0, to: 0 } },
  ])('defaultFrameRange($args) is $expected', ({ args, expected }) => {
    expect(defaultFrameRange(args[0], args[1])).toEqual(expected);
  });
});

describe('parseFrameRange', () => {
  it('reads frames numbered as the timeline shows them (1 to n) into indices', () => {
    expect(parseFrameRange('3', '10', 86)).toEqual({ range: { from: 2, to: 9 } });
    expect(parseFrameRange(' 1 ', '86', 86)).toEqual({ range: { from: 0, to: 85 } });
    expect(parseFrameRange('7', '7', 86)).toEqual({ range: { from: 6, to: 6 } });
  });

  it.each([
    { from: '', to: '5', error: '“From” must be a whole frame number from 1 to 86.' },
    { from: '2', to: 'x', error: '“To” must be a whole frame number from 1 to 86.' },
    { from: '1.5', to: '5', error: '“From” must be a whole frame number from 1 to 86.' },
    { from: '-1', to: '5', error: '“From” must be a whole frame number from 1 to 86.' },
    { from: '0x10', to: '20', error: '“From” must be a whole frame number from 1 to 86.' },
    { from: '1e3', to: '20', error: '“From” must be a whole frame number from 1 to 86.' },
    { from: '0', to: '5', error: '“From” counts from frame 1.' },
    { from: '2', to: '0', error: '“To” counts from frame 1.' },
    { from: '87', to: '87', error: '“From” is past the last frame (86).' },
    { from: '2', to: '87', error: '“To” is past the last frame (86).' },
    { from: '9', to: '3', error: '“From” must not be after “To”.' },
  ])('parseFrameRange($from, $to) says: $error', ({ from, to, error }) => {
    expect(parseFrameRange(from, to, 86)).toEqual({ error });
  });

  it('refuses more than the most frames one export renders', () => {
    expect(parseFrameRange('1', String(MAX_EXPORT_FRAMES), 1000)).toEqual({
      range: { from: 0, to: MAX_EXPORT_FRAMES - 1 },
    });
    expect(parseFrameRange('1', String(MAX_EXPORT_FRAMES + 1), 1000)).toEqual({
      error: `That is ${MAX_EXPORT_FRAMES + 1} frames; export at most ${MAX_EXPORT_FRAMES} at once.`,
    });
  });

  it('says a run without frames has nothing to export', () => {
    expect(parseFrameRange('1', '1', 0)).toEqual({ error: 'This run has no frames.' });
  });
});
