import { describe, expect, it } from 'vitest';
import { kindColorVar, mixSrgb } from '../../../src/views/thumbColors';

describe('thumbColors', () => {
  it('mixSrgb matches color-mix(in srgb) worked by hand', () => {
    // 12% of #c7362b over #ffffff: 0.12*199+0.88*255 = 248.28, 230.88, 229.56.
    expect(mixSrgb('#c7362b', '#ffffff', 0.12)).toBe('#f8e7e6');
    expect(mixSrgb('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(() => mixSrgb('red', '#ffffff', 0.5)).toThrow(/#rrggbb/);
  });

  it('colours Redis with the accent and unknown kinds muted', () => {
    expect(kindColorVar('redis')).toBe('--accent');
    expect(kindColorVar('ssd')).toBe('--text-muted');
  });
});
