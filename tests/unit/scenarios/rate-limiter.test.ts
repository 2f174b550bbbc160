import fc from 'fast-check';
import { runScenario } from '../../../src/scenarios';
import type { Trace } from '../../../src/sim';

const ID = 'rate-limiter';

interface Outcome {
  allowed: number;
  blocked: number;
  statusCodes: number[];
  allowedAfterWindow: boolean;
  failed: number;
  ttlAfterBurstSec: number;
}

function beatsAcrossFrames(trace: Trace): string[] {
  const seen: string[] = [];
  for (let i = 0; i < trace.frames.length; i++) {
    const n = trace.stateAtFrame(i).narration;
    if (n && seen[seen.length - 1] !== n.text) seen.push(n.text);
  }
  return seen;
}

/** Burst params whose whole burst (plus a crash and a retry) fits inside one window. */
const burst = fc
  .record({
    limit: fc.integer({ min: 1, max: 20 }),
    requests: fc.integer({ min: 1, max: 30 }),
    gapMs: fc.integer({ min: 1, max: 100 }).map((n) => n * 10),
    slackSec: fc.integer({ min: 2, max: 60 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  })
  .map(({ slackSec, ...r }) => ({
    ...r,
    windowSec: Math.min(300, Math.ceil((r.requests * (r.gapMs + 25)) / 1000) + slackSec),
  }));

const run = (params: Record<string, unknown>, seed: number) => {
  const { trace, outcome } = runScenario(ID, { params, seed });
  return { trace, o: outcome as unknown as Outcome };
};

describe(`runScenario('${ID}')`, () => {
  it('should allow min(limit, requests) within one window, block the rest with 429s after the 200s, and allow again after the window', () => {
    fc.assert(
      fc.property(burst, fc.constantFrom('none', 'multi', 'nx'), ({ seed, ...params }, fix) => {
        const { o } = run({ ...params, fix }, seed);
        const allowed = Math.min(params.limit, params.requests);
        expect(o.allowed).toBe(allowed);
        expect(o.blocked).toBe(params.requests - allowed);
        expect(o.statusCodes).toEqual([
          ...Array<number>(allowed).fill(200),
          ...Array<number>(params.requests - allowed).fill(429),
        ]);
        expect(o.allowedAfterWindow).toBe(true);
        expect(o.ttlAfterBurstSec).toBeGreaterThan(0);
      }),
      { numRuns: 30 },
    );
  });

  it('should run the practical exercise at defaults: 5 of 10 allowed, then allowed again a window later', () => {
    const { o } = run({}, 1);
    expect(o).toMatchObject({ allowed: 5, blocked: 5, allowedAfterWindow: true });
    expect(o.statusCodes).toEqual([200, 200, 200, 200, 200, 429, 429, 429, 429, 429]);
  });

  it('should block forever when web-1 dies between INCR and EXPIRE without a fix', () => {
    fc.assert(
      fc.property(burst, ({ seed, ...params }) => {
        fc.pre(params.requests >= params.limit);
        const { o } = run({ ...params, race: true, fix: 'none' }, seed);
        expect(o.statusCodes[0]).toBe(0);
        expect(o.ttlAfterBurstSec).toBe(-1);
        expect(o.allowedAfterWindow).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it('should recover after the window when web-1 dies but MULTI/EXEC or EXPIRE NX is used', () => {
    fc.assert(
      fc.property(burst, fc.constantFrom('multi', 'nx'), ({ seed, ...params }, fix) => {
        // EXPIRE NX heals on the next hit; with a one-request burst that hit is the one after the window.
        fc.pre(fix === 'multi' || params.requests >= 2);
        const { o } = run({ ...params, race: true, fix }, seed);
        expect(o.statusCodes[0]).toBe(0);
        // Never a counter without a TTL (-1); -2 when the crashed hit was the only one and MULTI dropped it.
        expect(o.ttlAfterBurstSec).not.toBe(-1);
        expect(o.allowedAfterWindow).toBe(true);
        // After the crash the codes are still 200s then 429s.
        const rest = o.statusCodes.slice(1);
        expect(rest).toEqual([...rest].sort((a, b) => a - b));
      }),
      { numRuns: 25 },
    );
  });

  it('should heal with EXPIRE NX only at the next hit: a lone crashed hit leaves no TTL until then', () => {
    const { o } = run({ requests: 1, limit: 1, race: true, fix: 'nx' }, 1);
    expect(o.ttlAfterBurstSec).toBe(-1);
    // The next hit (after the window) counts 2 against the stale key, gets its TTL, and is blocked.
    expect(o.allowedAfterWindow).toBe(false);
  });

  it('should show the status on every response label and the counter key in Redis data', () => {
    const { trace } = run({}, 2);
    const responses = trace
      .ofKind('send')
      .filter((e) => e.p.from === 'web-1' && e.p.to === 'browser');
    for (const r of responses) expect(r.p.label).toMatch(/^(200|429) /);
    expect(trace.ofKind('data').some((e) => e.node === 'redis' && e.key === 'rate:alice')).toBe(
      true,
    );
  });

  it('should replay a seed byte for byte', () => {
    for (const params of [{}, { race: true }, { race: true, fix: 'multi' }]) {
      expect(JSON.stringify(runScenario(ID, { params, seed: 5 }).trace)).toBe(
        JSON.stringify(runScenario(ID, { params, seed: 5 }).trace),
      );
    }
  });

  it('should narrate at least four beats, each naming its lesson step, that change across frames', () => {
    for (const params of [{}, { race: true }]) {
      const { trace } = run(params, 3);
      expect(beatsAcrossFrames(trace).length).toBeGreaterThanOrEqual(4);
      for (const n of trace.ofKind('narrate')) expect(n.step).toBeTruthy();
    }
  });
});
