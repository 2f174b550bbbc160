import { formatDuration, msToNs, nsToMs, secToNs, usToNs } from '../../../src/sim/time';

describe('time units', () => {
  it('convert to whole nanoseconds and back', () => {
    expect(usToNs(1.5)).toBe(1_500);
    expect(usToNs(0.0004)).toBe(0);
    expect(msToNs(2.5)).toBe(2_500_000);
    expect(msToNs(0.0000006)).toBe(1);
    expect(secToNs(1.25)).toBe(1_250_000_000);
    expect(nsToMs(1_500_000)).toBe(1.5);
    expect(nsToMs(1)).toBe(0.000001);
  });

  it.each([
    [0, '0 ns'],
    [999, '999 ns'],
    [1_000, '1 µs'],
    [12_340, '12.3 µs'],
    [123_456, '123 µs'],
    [999_999, '1000 µs'],
    [1_000_000, '1 ms'],
    [1_050_000, '1.05 ms'],
    [100_000_000, '100 ms'],
    [1_000_000_000, '1 s'],
    [119_000_000_000, '119 s'],
    [120_000_000_000, '2 min'],
    [90 * 60e9, '90 min'],
    [7_199_000_000_000, '120 min'],
    [7_200_000_000_000, '2 h'],
    [36_000_000_000_000, '10 h'],
    [-1_500, '-1.5 µs'],
    [-5, '-5 ns'],
    [-3_600_000_000_000, '-60 min'],
  ])('formatDuration(%d) is %s', (ns, text) => {
    expect(formatDuration(ns)).toBe(text);
  });
});
