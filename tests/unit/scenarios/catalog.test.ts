import { normalizeParams, runScenario, scenarios } from '../../../src/scenarios';

describe('scenarios (the catalog)', () => {
  it('has unique ids and follows the lesson order, one group per lesson section', () => {
    const ids = scenarios.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const sections = scenarios.map((s) => s.lessonSection);
    const order = sections.map((s) => Number(/^§(\d+)/.exec(s)?.[1]));
    expect(order.every((n) => Number.isInteger(n))).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Each section appears as one contiguous run (the home view groups by it).
    const runs = sections.filter((s, i) => i === 0 || s !== sections[i - 1]);
    expect(new Set(runs).size).toBe(runs.length);
  });

  it('every parameter has a default inside its range, and normalizeParams keeps defaults as they are', () => {
    for (const s of scenarios) {
      for (const p of s.params) {
        if (p.type === 'number') {
          expect(p.min, `${s.id}.${p.name}`).toBeLessThanOrEqual(p.default as number);
          expect(p.max, `${s.id}.${p.name}`).toBeGreaterThanOrEqual(p.default as number);
        }
        if (p.type === 'choice') expect(p.choices).toContain(p.default);
      }
      const defaults = Object.fromEntries(s.params.map((p) => [p.name, p.default]));
      expect(normalizeParams(s.params, defaults)).toEqual({
        values: defaults,
        invalid: [],
        clamped: [],
      });
    }
  });

  it('normalizeParams() clamps out-of-range numbers and drops malformed values to the default, and says which', () => {
    const spec = scenarios.find((s) => s.id === 'cache-aside')!;
    const ttl = spec.params.find((p) => p.name === 'ttlSec')!;
    const { values, invalid, clamped } = normalizeParams(spec.params, {
      ttlSec: '9999',
      requests: 'abc',
      gapMs: '120',
      persistence: 'zip',
    });
    expect(values.ttlSec).toBe(ttl.max);
    expect(values.requests).toBe(5);
    expect(values.gapMs).toBe(120);
    expect(values.persistence).toBe('rdb');
    expect(invalid.sort()).toEqual(['persistence', 'requests']);
    expect(clamped).toEqual([`${ttl.label} is at most ${ttl.max} ${ttl.unit}; using ${ttl.max}`]);
  });

  it('normalizeParams() reads decimal numbers only: 0x10, 0b1, 0o7, Infinity are refused', () => {
    const spec = scenarios.find((s) => s.id === 'cache-aside')!;
    for (const v of ['0x10', '0b1', '0o7', 'Infinity', ' ', '1_0']) {
      const { invalid } = normalizeParams(spec.params, { ttlSec: v });
      expect(invalid, v).toEqual(['ttlSec']);
    }
    expect(normalizeParams(spec.params, { ttlSec: '16' }).values.ttlSec).toBe(16);
    expect(normalizeParams(spec.params, { ttlSec: ' 1.6e1 ' }).values.ttlSec).toBe(16);
  });

  it('runScenario() refuses an unknown id', () => {
    expect(() => runScenario('nope')).toThrow(/unknown scenario 'nope'/);
  });
});
