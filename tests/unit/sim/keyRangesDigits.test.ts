import { inRanges, KeyRangeSet, keyRanges } from '../../../src/sim/nodes/keyRanges';

// Oracle: the documented rule of keyRanges (src/sim/nodes/keyRanges.ts): a key's
// trailing number has 1-15 digits and no leading zero; a longer run, or one with
// a leading zero, leaves the key as it is. A range whose end is not such a key
// is malformed and matches nothing.
describe('keyRanges at the 15-digit limit', () => {
  const d15 = '100000000000000'; // 15 digits
  const d16 = '1000000000000000'; // 16 digits
  it('groups 15-digit numbers and leaves 16-digit ones alone', () => {
    expect(keyRanges([`k${d15}`, `k${Number(d15) + 1}`])).toEqual([`k${d15}..k${Number(d15) + 1}`]);
    expect(keyRanges([`k${d16}`, `k${Number(d16) + 1}`])).toEqual([
      `k${d16}`,
      `k${Number(d16) + 1}`,
    ]);
    const s = new KeyRangeSet();
    s.add(`k${d16}`);
    s.add(`k${d15}`);
    expect(s.ranges()).toEqual([`k${d15}`, `k${d16}`]);
  });

  it('a range with an end past 15 digits or with a leading zero is malformed', () => {
    expect(inRanges(['k1..k99999999999999999'], 'k5')).toBe(false);
    expect(inRanges(['k1..k09'], 'k5')).toBe(false);
    expect(inRanges(['k01..k9'], 'k5')).toBe(false);
    expect(inRanges(['k1..k9'], 'k5')).toBe(true);
  });
});
