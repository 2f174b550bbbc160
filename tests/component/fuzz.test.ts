// @vitest-environment jsdom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startEmbed, type EmbedTarget } from '../../src/views/embed';
import { joinArgv, splitArgv } from '../../src/views/splitArgv';
import { parseUrlState, serializeUrlState } from '../../src/views/url';

const ids = ['cache-aside', 'sandbox'];

describe('fuzz: URL parsing', () => {
  const key = fc.oneof(
    fc.constantFrom(
      's',
      'f',
      'seed',
      'speed',
      'autoplay',
      'controls',
      'embed',
      'theme',
      'origin',
      'iv',
    ),
    fc.string({ maxLength: 8 }).map((k) => `p.${k}`),
    fc.string({ maxLength: 8 }),
  );
  const query = fc
    .array(fc.tuple(key, fc.string({ unit: 'binary', maxLength: 40 })), { maxLength: 12 })
    .map((kv) => new URLSearchParams(kv).toString());

  it('never throws, keeps only valid fields, and what it keeps survives a round trip', () => {
    fc.assert(
      fc.property(query, fc.string({ maxLength: 30 }), (q, raw) => {
        for (const [search, hash] of [
          [`?${q}`, ''],
          ['', `#${q}`],
          [raw, raw],
        ]) {
          const { state } = parseUrlState(search, hash, { scenarioIds: ids });
          if (state.s !== null) expect(ids).toContain(state.s);
          expect(Number.isSafeInteger(state.f) && state.f >= 0).toBe(true);
          const again = parseUrlState('', `#${serializeUrlState(state)}`, { scenarioIds: ids });
          expect(again.state).toEqual(state);
          expect(again.ignored).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('does bounded work on a 10,000-character value and 2,000 unknown p. keys', () => {
    const t0 = performance.now();
    const huge = parseUrlState(`?p.ttlSec=${'9'.repeat(10_000)}&iv=1.${'A'.repeat(500_000)}`, '');
    const many = parseUrlState(
      `?${Array.from({ length: 2000 }, (_, i) => `p.k${i}=${i}`).join('&')}`,
      '',
    );
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(huge.state.params).toEqual({});
    expect(huge.state.iv).toEqual([]);
    expect(Object.keys(many.state.params)).toHaveLength(2000);
  });
});

describe('fuzz: the postMessage handler', () => {
  const setup = () => {
    const posted: unknown[] = [];
    const parent = { postMessage: (m: unknown) => posted.push(m) } as unknown as Window;
    const win = new EventTarget() as unknown as Window;
    Object.defineProperty(win, 'parent', { value: parent });
    const calls: string[] = [];
    const target: EmbedTarget = {
      play: () => calls.push('play'),
      pause: () => calls.push('pause'),
      step: (n) => {
        expect(Number.isInteger(n)).toBe(true);
        calls.push('step');
      },
      seek: (f) => {
        expect(Number.isInteger(f)).toBe(true);
        calls.push('seek');
      },
      load: (v) => {
        calls.push(`load:${v.s}`);
        return null;
      },
      info: () => ({ scenarios: ids, frameCount: 3 }),
      autoplay: true,
    };
    const bridge = startEmbed(target, { origin: null, win });
    const send = (data: unknown) =>
      (win as unknown as EventTarget).dispatchEvent(
        Object.assign(new Event('message'), { data, source: parent }),
      );
    return { posted, calls, send, bridge };
  };
  const envelope = fc.record(
    {
      context: fc.constantFrom('speed-layer', 'other'),
      version: fc.oneof(fc.constant(1), fc.anything()),
      method: fc.oneof(
        fc.constantFrom('play', 'pause', 'step', 'seek', 'load', 'addEventListener'),
        fc.string(),
      ),
      value: fc.oneof(
        fc.anything(),
        fc.record({ s: fc.string({ maxLength: 10 }), seed: fc.anything(), params: fc.anything() }),
      ),
    },
    { requiredKeys: [] },
  );

  it('never throws and never inserts markup, whatever arrives', async () => {
    const { send, bridge } = setup();
    const before = document.body.innerHTML;
    fc.assert(
      fc.property(
        fc.oneof(
          envelope,
          envelope.map((e) => JSON.stringify(e)),
          fc.anything(),
          fc.string(),
        ),
        (data) => {
          expect(() => send(data)).not.toThrow();
        },
      ),
      { numRuns: 1000 },
    );
    await new Promise((r) => setTimeout(r, 5));
    expect(document.body.innerHTML).toBe(before);
    bridge.stop();
  });

  it('handles a 10 MB message and a flood of 10,000 messages within a second', async () => {
    const { calls, send, bridge } = setup();
    const t0 = performance.now();
    send(
      `{"context":"speed-layer","version":1,"method":"load","value":{"s":"${'a'.repeat(10_000_000)}"}}`,
    );
    for (let i = 0; i < 10_000; i++)
      send({
        context: 'speed-layer',
        version: 1,
        method: i % 2 ? 'step' : 'load',
        value: i % 2 ? 1 : { s: 'cache-aside', seed: i },
      });
    await new Promise((r) => setTimeout(r, 5));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(calls.filter((c) => c.startsWith('load'))).toEqual(['load:cache-aside']);
    expect(calls.filter((c) => c === 'step')).toHaveLength(5000);
    bridge.stop();
  });
});

describe('fuzz: the console argument splitter', () => {
  it('never throws, and joinArgv/splitArgv round-trip any argv', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (line) => {
        const argv = splitArgv(line);
        expect(argv === null || argv.every((a) => typeof a === 'string')).toBe(true);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { minLength: 1, maxLength: 8 }),
        (argv) => {
          expect(splitArgv(joinArgv(argv))).toEqual(argv);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('splits a 100,000-argument command in bounded time', () => {
    const t0 = performance.now();
    const argv = splitArgv(Array.from({ length: 100_000 }, (_, i) => `"a${i}"`).join(' '));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(argv).toHaveLength(100_000);
  });
});
