import fc from 'fast-check';
import { runScenario } from '../../../src/scenarios';
import { beatsAcrossFrames } from './helpers';
import { narrationProblems } from './narrationCheck';
import type { Trace } from '../../../src/sim';

const ID = 'hash-object';

interface Outcome {
  hgetBytes: number;
  getJsonBytes: number;
  parseMs: number;
}

/** The reply packet to the first Redis command named `cmd`, found by request id. */
function replyTo(trace: Trace, cmd: string) {
  const sends = trace.ofKind('send').map((e) => e.p);
  const req = sends.find(
    (p) => p.to === 'redis' && (p.payload as { argv?: string[] }).argv?.[0] === cmd,
  );
  const rid = (req?.payload as { rid: number }).rid;
  return sends.find(
    (p) => p.from === 'redis' && p.to === req?.from && (p.payload as { re?: number }).re === rid,
  );
}

describe(`runScenario('${ID}')`, () => {
  it('should send fewer bytes for HGET of one field than for GET of the JSON blob', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 16 }),
        fc.integer({ min: 0, max: 400 }).map((n) => n * 10),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (fields, bioChars, parseNsPerByte, seed) => {
          const { trace, outcome } = runScenario(ID, {
            params: { fields, bioChars, parseNsPerByte },
            seed,
          });
          const o = outcome as unknown as Outcome;
          expect(o.hgetBytes).toBe(replyTo(trace, 'HGET')!.bytes);
          expect(o.getJsonBytes).toBe(replyTo(trace, 'GET')!.bytes);
          expect(o.hgetBytes).toBeLessThan(o.getJsonBytes);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('should make the web server parse for a time proportional to the blob it received', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }).map((n) => n * 10),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (bioChars, parseNsPerByte, seed) => {
          const { trace, outcome } = runScenario(ID, {
            params: { bioChars, parseNsPerByte },
            seed,
          });
          const blob = (replyTo(trace, 'GET')!.payload as { reply: { value: string } }).reply.value;
          const o = outcome as unknown as Outcome;
          expect(o.parseMs).toBeCloseTo((blob.length * parseNsPerByte) / 1e6, 9);
          expect(o.parseMs).toBeGreaterThan(0);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('should store every field in the hash and bump visits with HINCRBY', () => {
    const { trace } = runScenario(ID, { params: { fields: 5 }, seed: 4 });
    const hincr = replyTo(trace, 'HINCRBY')!;
    expect((hincr.payload as { reply: { type: string; value: string } }).reply).toEqual({
      type: 'integer',
      value: '1',
    });
    const hset = replyTo(trace, 'HSET')!;
    // 5 profile fields + bio + visits
    expect((hset.payload as { reply: { value: string } }).reply.value).toBe('7');
  });

  it('should replay a seed byte for byte', () => {
    for (const seed of [1, 99, 123456]) {
      expect(JSON.stringify(runScenario(ID, { seed }).trace)).toBe(
        JSON.stringify(runScenario(ID, { seed }).trace),
      );
    }
  });

  it('should narrate at least four beats, each naming its lesson step, that change across frames', () => {
    const { trace } = runScenario(ID, { seed: 3 });
    expect(beatsAcrossFrames(trace).length).toBeGreaterThanOrEqual(4);
    for (const n of trace.ofKind('narrate')) expect(n.step).toBeTruthy();
  });
});

describe(`runScenario('${ID}') scene rules`, () => {
  it('quotes every number from the run, numbers its steps once and ends on the Summary', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 16 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (fields, bio10, parseNsPerByte, seed) => {
          const run = runScenario(ID, {
            params: { fields, bioChars: bio10 * 10, parseNsPerByte },
            seed,
          });
          expect(narrationProblems(ID, run)).toEqual([]);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('bumps the counter in one round trip and reports the parse in µs', () => {
    const { outcome } = runScenario(ID, { seed: 2 });
    const o = outcome as { counterRoundTrips: number; parseMs: number; parseUs: number };
    expect(o.counterRoundTrips).toBe(1);
    expect(o.parseUs).toBeCloseTo(o.parseMs * 1000, 1);
  });
});
