import fc from 'fast-check';
import { runScenario } from '../../../src/scenarios';
import { narrationProblems } from './narrationCheck';
import { argvOf, exchanges, replyOf } from '../../../src/scenarios/measure';

interface Outcome {
  accepted: number;
  rejectedAfterExpiry: number;
}

const params = fc.record({
  ttlSec: fc.integer({ min: 2, max: 600 }),
  requests: fc.integer({ min: 2, max: 20 }),
});

describe('runScenario("string-session")', () => {
  it('runScenario("string-session") at defaults: 4 accepted, then 4 rejected with 401', () => {
    const { trace, outcome } = runScenario('string-session', { seed: 1 });
    expect(outcome).toEqual({ accepted: 4, rejectedAfterExpiry: 4, acceptingServers: 3 });
    const labels = exchanges(trace, { from: 'browser', to: 'lb' })
      .slice(1)
      .map((x) => x.reply!.label);
    expect(labels.slice(4).every((l) => l.startsWith('401'))).toBe(true);
  });

  it('runScenario("string-session") accepts every request before expiry on any server and rejects every one after', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 0, max: 1e6 }), (p, seed) => {
        const { trace, outcome } = runScenario('string-session', { params: p, seed });
        const o = outcome as unknown as Outcome;
        const toRedis = exchanges(trace, { to: 'redis' });
        const set = toRedis.find((x) => argvOf(x.req)[0] === 'SET')!;
        expect(argvOf(set.req).slice(2)).toEqual(['ada', 'EX', String(p.ttlSec)]);
        const expiresNs = set.reply!.sentNs + p.ttlSec * 1e9;
        const gets = toRedis.filter((x) => argvOf(x.req)[0] === 'GET');
        expect(gets.length).toBe(p.requests);
        const requests = exchanges(trace, { from: 'browser', to: 'lb' }).slice(1);
        const servedBy = new Set<string>();
        requests.forEach((x, i) => {
          const ranAt = gets[i].reply!.sentNs;
          const status = (x.reply!.payload as { status: number }).status;
          if (ranAt < expiresNs) {
            expect(status).toBe(200);
            expect(replyOf(gets[i].reply)).toEqual({ type: 'bulk', value: 'ada' });
            servedBy.add(gets[i].req.from);
          } else {
            expect(status).toBe(401);
            expect(x.reply!.label).toMatch(/^401/);
          }
        });
        const before = Math.ceil(p.requests / 2);
        expect(o.accepted).toBe(before);
        expect(o.rejectedAfterExpiry).toBe(p.requests - before);
        // More than one server validated the same session.
        if (before >= 2) expect(servedBy.size).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 30 },
    );
  });

  it('runScenario("string-session") records the session key with its expiry, then deletes it', () => {
    const { trace } = runScenario('string-session', { seed: 3 });
    const diffs = trace
      .ofKind('data')
      .filter((e) => e.node === 'redis' && e.key.startsWith('session:'));
    expect(diffs.length).toBeGreaterThanOrEqual(2);
    expect(diffs[0].value).not.toBeNull();
    expect(diffs[diffs.length - 1].value).toBeNull();
  });

  it('runScenario("string-session") replays byte-identically and narrates at least 4 changing beats', () => {
    const a = runScenario('string-session', { seed: 8 });
    const b = runScenario('string-session', { seed: 8 });
    expect(JSON.stringify(a.trace)).toBe(JSON.stringify(b.trace));
    expect(a.trace.ofKind('narrate').length).toBeGreaterThanOrEqual(4);
    const seen = new Set(a.trace.frames.map((_, i) => a.trace.stateAtFrame(i).narration?.text));
    expect(seen.size).toBeGreaterThanOrEqual(4);
  });

  it('runScenario("string-session") narrates in step: every number quoted from the run, numbered steps, a Summary last', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 0, max: 1e6 }), (p, seed) => {
        const run = runScenario('string-session', { params: p, seed });
        expect(narrationProblems('string-session', run)).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });

  it('runScenario("string-session") at defaults: every one of the 3 servers accepted the token', () => {
    const { outcome } = runScenario('string-session', { seed: 1 });
    expect(outcome).toMatchObject({ accepted: 4, rejectedAfterExpiry: 4, acceptingServers: 3 });
  });
});
