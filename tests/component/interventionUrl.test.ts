import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findScenario, runScenario, type Intervention } from '../../src/scenarios';
import { interventionsFor } from '../../src/views/interventionsFor';
import {
  decodeInterventions,
  encodeInterventions,
  interventionOf,
} from '../../src/views/interventionCodec';
import { parseUrlState, serializeUrlState } from '../../src/views/url';

const ids = ['cache-aside'];
const nodeId = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
const tNs = fc.nat({ max: Number.MAX_SAFE_INTEGER });
const intervention: fc.Arbitrary<Intervention> = fc.oneof(
  fc.record(
    {
      tNs,
      kind: fc.constant('crash' as const),
      node: nodeId,
      crashKind: fc.constantFrom('process-kill' as const, 'power-loss' as const),
    },
    { requiredKeys: ['tNs', 'kind', 'node'] },
  ),
  fc.record({ tNs, kind: fc.constant('restart' as const), node: nodeId }),
  fc.record({
    tNs,
    kind: fc.constant('command' as const),
    from: nodeId,
    node: nodeId,
    argv: fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }), { minLength: 1, maxLength: 6 }),
  }),
);

describe('interventions in the URL', () => {
  it('round-trips any list of interventions through serialize and parse (property)', () => {
    fc.assert(
      fc.property(fc.array(intervention, { maxLength: 8 }), (ivs) => {
        const hash = serializeUrlState({ s: 'cache-aside', iv: ivs });
        const { state, ignored } = parseUrlState('', `#${hash}`, { scenarioIds: ids });
        expect(ignored).toEqual([]);
        expect(state.iv).toEqual(ivs);
      }),
      { numRuns: 200 },
    );
  });

  it('writes a compact, versioned value and leaves it out when there are none', () => {
    const v = encodeInterventions([{ tNs: 5, kind: 'restart', node: 'redis' }]);
    expect(v).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    expect(serializeUrlState({ s: 'cache-aside', iv: [] })).toBe('s=cache-aside');
  });

  it('keeps the good entries and names each bad one', () => {
    const raw = [
      { tNs: 10, kind: 'crash', node: 'redis', crashKind: 'power-loss' },
      { tNs: -1, kind: 'crash', node: 'redis' },
      { tNs: 20, kind: 'explode', node: 'redis' },
      { tNs: 30, kind: 'command', from: 'web-1', node: 'redis', argv: ['GET', 'k'], extra: 1 },
      { tNs: 40, kind: 'crash', node: '<img src=x>' },
      { tNs: 50, kind: 'latency', node: 'redis', peer: 'web-1', us: 250 },
      { tNs: 60, kind: 'latency', node: 'redis', us: Number.NaN },
    ];
    const v = encodeInterventions(raw as unknown as Intervention[]);
    const { state, ignored } = parseUrlState('', `#s=cache-aside&iv=${v}`, { scenarioIds: ids });
    expect(state.iv).toEqual([
      { tNs: 10, kind: 'crash', node: 'redis', crashKind: 'power-loss' },
      { tNs: 30, kind: 'command', from: 'web-1', node: 'redis', argv: ['GET', 'k'] },
      { tNs: 50, kind: 'latency', node: 'redis', peer: 'web-1', us: 250 },
    ]);
    // NaN is written by JSON.stringify as null: refused like any non-number.
    expect(ignored).toEqual([
      'iv[1]: not a valid intervention',
      'iv[2]: not a valid intervention',
      'iv[4]: not a valid intervention',
      'iv[6]: not a valid intervention',
    ]);
  });

  it('falls back as a whole for an unreadable value or an unknown version', () => {
    for (const v of ['2.W10', '1.!!!', '1.e30', 'abc', '1.' + btoa('{"a":1}')]) {
      const { state, ignored } = parseUrlState('', `#iv=${encodeURIComponent(v)}`);
      expect(state.iv).toEqual([]);
      expect(ignored).toEqual([`iv=${v}`]);
    }
    expect(decodeInterventions('1.' + 'A'.repeat(300_000))).toEqual({ ok: false });
    expect(interventionOf(null)).toBeNull();
    expect(interventionOf([1])).toBeNull();
  });

  it('a link with interventions replays the same trace as runScenario with them', () => {
    const base = runScenario('cache-aside', { seed: 3 });
    const mid = Math.round(base.trace.endNs / 2);
    const ivs: Intervention[] = [
      { tNs: mid, kind: 'command', from: 'web-1', node: 'redis', argv: ['SET', 'a b', 'ünï'] },
      { tNs: mid + 10, kind: 'crash', node: 'redis', crashKind: 'process-kill' },
      { tNs: mid + 5_000_000, kind: 'restart', node: 'redis' },
    ];
    const hash = serializeUrlState({ s: 'cache-aside', seed: 3, iv: ivs });
    const { state } = parseUrlState('', `#${hash}`, { scenarioIds: ids });
    const fromLink = runScenario(state.s as string, { seed: state.seed, interventions: state.iv });
    const direct = runScenario('cache-aside', { seed: 3, interventions: ivs });
    expect(JSON.stringify(fromLink.trace)).toBe(JSON.stringify(direct.trace));
    expect(JSON.stringify(fromLink.trace)).not.toBe(JSON.stringify(base.trace));
  });
});

describe('interventionsFor', () => {
  it('keeps interventions that fit the topology and names the rest', () => {
    const spec = findScenario('cache-aside')!;
    const ok: Intervention[] = [
      { tNs: 1, kind: 'crash', node: 'redis' },
      { tNs: 2, kind: 'command', from: 'web-1', node: 'redis', argv: ['PING'] },
    ];
    const bad: Intervention[] = [
      { tNs: 3, kind: 'crash', node: 'nope' },
      { tNs: 4, kind: 'command', from: 'redis', node: 'redis', argv: ['PING'] },
      { tNs: 5, kind: 'command', from: 'web-1', node: 'postgres', argv: ['PING'] },
    ];
    const { kept, dropped } = interventionsFor(spec, {}, [...ok, ...bad]);
    expect(kept).toEqual(ok);
    expect(dropped).toEqual([
      'iv: crash on nope does not fit this scenario',
      'iv: command on redis does not fit this scenario',
      'iv: command on postgres does not fit this scenario',
    ]);
    // What is kept runs: an unknown node would have failed the whole run.
    expect(() => runScenario('cache-aside', { interventions: kept })).not.toThrow();
    expect(() => runScenario('cache-aside', { interventions: bad.slice(0, 1) })).toThrow();
  });
});
