import { parseUrlState, serializeUrlState, URL_DEFAULTS } from '../../../src/views/url';

// The seed is a 32-bit unsigned integer (the generator's state), so the whole
// range 0..2^32-1 must be accepted and round-trip; f is a frame index from 0.
describe('URL boundaries: seed and f', () => {
  it.each([
    ['0', 0],
    ['1', 1],
    ['4294967295', 4294967295],
  ])('seed=%s is read as %i, with no notice', (v, n) => {
    const { state, ignored } = parseUrlState(`?seed=${v}`);
    expect(ignored).toEqual([]);
    expect(state.seed).toBe(n);
  });

  it.each(['4294967296', '-1'])('seed=%s is out of range: default seed and a notice', (v) => {
    const { state, ignored } = parseUrlState(`?seed=${v}`);
    expect(state.seed).toBe(URL_DEFAULTS.seed);
    expect(ignored).toEqual([`seed=${v}`]);
  });

  it('f=0 is a valid frame: read without a notice, and the hash wins over the query', () => {
    expect(parseUrlState('?f=0')).toEqual({ state: { ...URL_DEFAULTS, f: 0 }, ignored: [] });
    const { state, ignored } = parseUrlState('?f=7', '#f=0');
    expect(ignored).toEqual([]);
    expect(state.f).toBe(0);
  });

  it('round-trips seed 0, seed 2^32-1 and f 0 through the hash', () => {
    for (const s of [
      { seed: 0, f: 0 },
      { seed: 4294967295, f: 0 },
      { seed: 4294967295, f: 1 },
    ]) {
      const hash = serializeUrlState({ s: 'sandbox', ...s });
      const { state, ignored } = parseUrlState('', `#${hash}`);
      expect(ignored).toEqual([]);
      expect({ seed: state.seed, f: state.f }).toEqual(s);
    }
    // Defaults stay out of the link.
    expect(serializeUrlState({ s: 'sandbox', f: 0, seed: 1 })).toBe('s=sandbox');
    expect(serializeUrlState({ s: 'sandbox', seed: 0 })).toBe('s=sandbox&seed=0');
  });
});
