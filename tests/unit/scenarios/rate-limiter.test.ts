import fc from 'fast-check';
import { runScenario } from '../../../src/scenarios';
import { exchanges } from '../../../src/scenarios/measure';
import { beatsAcrossFrames, narrations } from './helpers';
import { narrationProblems } from './narrationCheck';
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

/** Every parameter over its whole range, the advanced toggles included. */
const anyParams = fc.record({
  limit: fc.integer({ min: 1, max: 20 }),
  windowSec: fc.integer({ min: 1, max: 300 }),
  requests: fc.integer({ min: 1, max: 30 }),
  gapMs: fc.integer({ min: 1, max: 500 }).map((n) => n * 10),
  race: fc.boolean(),
  fix: fc.constantFrom('none', 'multi', 'nx'),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});

/** Claims that the window reset or will end: false while the counter has no TTL. */
const RESETS = /fresh window|fresh count|forgiv|forgave|ends on its own|until this window ends/i;
/** Claims that the block lasts forever: false once the counter has a TTL. */
const FOREVER = /forever|for good|never (ends|expires|got its TTL)/i;

/**
 * The closing beat (after the request past the window), and what Redis held at
 * that moment: whether rate:alice existed and its expiry, from the trace's data
 * diffs; the count from the last HTTP response.
 */
function closing(trace: Trace) {
  const beats = narrations(trace);
  const later = beats.findIndex((n) => n.beat === 'later');
  const close = beats.slice(later + 1).find((n) => n.beat.startsWith('after'))!;
  const key = trace.stateAtIndex(close.index).data.redis?.['rate:alice'] as
    { value: string; expiresAtMs: number | null } | undefined;
  const last = exchanges(trace, { from: 'browser', to: 'web-1' }).at(-1)!;
  const reply = last.reply!.payload as { status: number; body: number };
  return {
    later: beats[later],
    close,
    after: beats.slice(beats.indexOf(close) + 1),
    all: beats,
    key,
    status: reply.status,
    count: reply.body,
  };
}

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

  it('should choose the closing narration from the counter as Redis holds it then, for every parameter', () => {
    fc.assert(
      fc.property(anyParams, ({ seed, ...params }) => {
        const { trace, o } = run(params, seed);
        const c = closing(trace);
        expect(c.status).toBe(o.allowedAfterWindow ? 200 : 429);
        // The real window length, never "a minute".
        expect(c.later.text).toContain(`${params.windowSec + 1} s later`);
        expect(c.later.text).toContain(`${params.windowSec} s window`);
        for (const n of c.all) expect(n.text).not.toMatch(/minute/);
        expect(c.key).toBeDefined();
        if (c.key!.expiresAtMs === null) {
          expect(c.close.text).toContain('TTL rate:alice replies -1');
          expect(c.close.text).not.toMatch(RESETS);
          expect(c.close.text).toMatch(FOREVER);
          if (c.status === 200) expect(c.close.text).toMatch(/only because INCR counted/);
          // Nothing expires afterwards either.
          expect(c.after.map((n) => n.beat)).not.toContain('reset');
        } else {
          expect(c.close.text).toMatch(/TTL rate:alice replies [1-9]/);
          expect(c.close.text).not.toMatch(FOREVER);
          expect(c.close.text).toMatch(RESETS);
          // A fresh window only when INCR started again from 1.
          expect(/fresh window/.test(c.close.text)).toBe(c.count === 1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('should not call it a fresh window when a counter with no TTL is merely under the limit (race, no fix, limit 15, 7 requests)', () => {
    const { trace, o } = run({ race: true, fix: 'none', limit: 15, requests: 7 }, 1);
    expect(o.ttlAfterBurstSec).toBe(-1);
    expect(o.allowedAfterWindow).toBe(true);
    const c = closing(trace);
    expect(c.key?.expiresAtMs).toBeNull();
    expect(c.close.text).not.toMatch(RESETS);
    expect(c.close.text).toMatch(
      /^200, but only because INCR counted 8, still within the limit of 15/,
    );
    expect(c.close.text).toContain('once the counter passes the limit, alice is blocked for good');
  });

  it('should not say "blocked forever" when EXPIRE NX has just given the stale counter its TTL (nx, 1 request, limit 1)', () => {
    const { trace, o } = run({ race: true, fix: 'nx', requests: 1, limit: 1 }, 1);
    expect(o.ttlAfterBurstSec).toBe(-1);
    expect(o.allowedAfterWindow).toBe(false);
    const c = closing(trace);
    expect(c.key?.expiresAtMs).not.toBeNull();
    for (const n of c.all) expect(n.text).not.toMatch(FOREVER);
    expect(c.close.text).toMatch(/^429: INCR counted 2/);
    expect(c.close.text).toContain('blocked only until this window ends, in 60 s');
    // ...and the window it announced does end.
    expect(c.after.map((n) => n.beat)).toContain('reset');
  });

  it('should say the real window length, not "a minute"', () => {
    for (const windowSec of [1, 7, 300]) {
      const { trace } = run({ race: true, windowSec }, 1);
      const c = closing(trace);
      expect(c.later.text).toContain(
        `${windowSec + 1} s later, past a whole ${windowSec} s window`,
      );
      expect(c.close.text).toContain(`still blocked, ${windowSec + 1} s later and forever`);
      for (const n of c.all) expect(n.text).not.toMatch(/minute/);
    }
  });
});

describe(`runScenario('${ID}') scene rules`, () => {
  it('quotes every number from the run, numbers its steps once and ends on the Summary', () => {
    fc.assert(
      fc.property(anyParams, ({ seed, ...params }) => {
        const result = runScenario(ID, { params, seed });
        expect(narrationProblems(ID, result)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('shows the stuck counter with no TTL when web-1 dies between INCR and EXPIRE (race, no fix)', () => {
    const { outcome } = runScenario(ID, { params: { race: true }, seed: 1 });
    expect(outcome).toMatchObject({ ttlSec: 'none', failed: 1 });
  });
});
