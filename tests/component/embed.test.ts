import { describe, expect, it } from 'vitest';
import { loadValueOf, parseMessage, startEmbed, type EmbedTarget } from '../../src/views/embed';

describe('parseMessage', () => {
  const cases: { input: unknown; expected: ReturnType<typeof parseMessage> }[] = [
    {
      input: { context: 'speed-layer', version: 1, method: 'play' },
      expected: { method: 'play', value: undefined },
    },
    {
      input: '{"context":"speed-layer","version":1,"method":"step","value":-2}',
      expected: { method: 'step', value: -2 },
    },
    {
      input: { context: 'speed-layer', method: 'seek', value: 4 },
      expected: { badVersion: undefined },
    },
    {
      input: { context: 'speed-layer', version: 2, method: 'seek', value: 4 },
      expected: { badVersion: 2 },
    },
    {
      input: { context: 'speed-layer', version: 1, method: 'seek', value: 4 },
      expected: { method: 'seek', value: 4 },
    },
    { input: 'slide:start', expected: { slide: 'start' } },
    { input: 'slide:stop', expected: { slide: 'stop' } },
    { input: '{not json', expected: null },
    { input: { context: 'other', method: 'play' }, expected: null },
    { input: { context: 'speed-layer', method: 'eval', value: 'x' }, expected: null },
    { input: null, expected: null },
    { input: 42, expected: null },
  ];
  it.each(cases)('parseMessage($input)', ({ input, expected }) => {
    expect(parseMessage(input)).toEqual(expected);
  });
});

describe('startEmbed', () => {
  const setup = () => {
    const posted: unknown[] = [];
    const parent = { postMessage: (m: unknown) => posted.push(m) } as unknown as Window;
    const win = new EventTarget() as unknown as Window;
    Object.defineProperty(win, 'parent', { value: parent });
    const loads: unknown[] = [];
    const target: EmbedTarget = {
      play: () => {},
      pause: () => {},
      step: () => {},
      seek: () => {},
      load: (v) => {
        loads.push(v);
        return null;
      },
      info: () => ({ scenarios: ['cache-aside'], frameCount: 3 }),
      autoplay: false,
    };
    const bridge = startEmbed(target, { origin: null, win });
    // A plain Event carrying data and source: jsdom's MessageEvent wants a real window as source.
    const send = (data: unknown) =>
      (win as unknown as EventTarget).dispatchEvent(
        Object.assign(new Event('message'), { data, source: parent }),
      );
    return { posted, loads, send, bridge };
  };
  const env = (method: string, value?: unknown, version: unknown = 1) => ({
    context: 'speed-layer',
    version,
    method,
    value,
  });

  it('coalesces a burst of loads: the latest wins', async () => {
    const { loads, send, bridge } = setup();
    for (let i = 0; i < 1000; i++) send(env('load', { s: 'cache-aside', seed: i }));
    await new Promise((r) => setTimeout(r, 5));
    expect(loads).toEqual([{ s: 'cache-aside', seed: 999 }]);
    bridge.stop();
  });

  it('refuses bad seeds and params like the URL does, and other envelope versions', async () => {
    const { posted, loads, send, bridge } = setup();
    for (const seed of [Number.NaN, -1, 1e308, 1.5, '7'])
      send(env('load', { s: 'cache-aside', seed }));
    send(env('load', { s: 'cache-aside', params: { ttlSec: 'x'.repeat(201) } }));
    send(env('load', { s: 'cache-aside', params: { 'bad name': '1' } }));
    send(env('load', { s: 'cache-aside', params: { ttlSec: { a: 1 } } }));
    send(env('play', undefined, 2));
    await new Promise((r) => setTimeout(r, 5));
    expect(loads).toEqual([]);
    const errors = posted.filter((m) => (m as { event?: string }).event === 'error');
    expect(errors).toHaveLength(9);
    expect(JSON.stringify(errors[8])).toContain('unsupported envelope version 2');
    send(env('load', { s: 'cache-aside', seed: 4, params: { ttlSec: 10, on: true } }));
    await new Promise((r) => setTimeout(r, 5));
    expect(loads).toEqual([{ s: 'cache-aside', seed: 4, params: { ttlSec: '10', on: 'true' } }]);
    bridge.stop();
  });

  it('validates load values (loadValueOf)', () => {
    expect(loadValueOf({ s: 'a', seed: 0xffffffff })).toEqual({ s: 'a', seed: 0xffffffff });
    expect(typeof loadValueOf({ s: 'a', seed: 0x100000000 })).toBe('string');
    expect(typeof loadValueOf({ s: '<x>' })).toBe('string');
    expect(typeof loadValueOf(null)).toBe('string');
  });
});
