import fc from 'fast-check';
import { runScenario } from '../../../src/scenarios';
import { beatsAcrossFrames } from './helpers';
import { narrationProblems } from './narrationCheck';
import type { Packet, Trace } from '../../../src/sim';

const ID = 'pubsub-chat';
const USERS = ['user-a', 'user-b', 'user-c', 'user-d'];

interface Outcome {
  delivered: Record<string, number>;
  publishReplies: number[];
  missedWhileOffline: number;
}

/** Redis commands with the time Redis ran them (when it sent the reply), read off the packets. */
function commands(trace: Trace): { from: string; argv: string[]; ranNs: number }[] {
  const sends = trace.ofKind('send').map((e) => e.p);
  const out: { from: string; argv: string[]; ranNs: number }[] = [];
  for (const p of sends) {
    const argv = (p.payload as { argv?: string[] }).argv;
    if (p.to !== 'redis' || !argv) continue;
    const rid = (p.payload as { rid: number }).rid;
    const reply = sends.find(
      (r) => r.from === 'redis' && r.to === p.from && (r.payload as { re?: number }).re === rid,
    );
    if (reply) out.push({ from: p.from, argv, ranNs: reply.sentNs });
  }
  return out;
}

/** [from, to) intervals when a node's machine was down. */
function downAt(trace: Trace, node: string, t: number): boolean {
  let down = false;
  for (const e of trace.entries) {
    if (e.t > t) break;
    if (e.k === 'state' && e.node === node) down = e.value === 'down';
  }
  return down;
}

/** Message payloads pushed to and delivered at each user. */
function received(trace: Trace): Map<string, string[]> {
  const sent = new Map<number, Packet>(trace.ofKind('send').map((e) => [e.p.id, e.p]));
  const out = new Map<string, string[]>(USERS.map((u) => [u, []]));
  for (const d of trace.ofKind('deliver')) {
    const p = sent.get(d.id)!;
    if (p.kind !== 'push') continue;
    const r = (p.payload as { reply: { type: string; value: { value: string }[] } }).reply;
    if (r.type === 'array' && r.value[0].value === 'message') out.get(p.to)!.push(r.value[2].value);
  }
  return out;
}

const params = fc.record({
  messages: fc.integer({ min: 1, max: 10 }),
  offlineUser: fc.constantFrom('none', 'user-b', 'user-c', 'user-d'),
  gapMs: fc.integer({ min: 2, max: 1000 }).map((n) => n * 10),
  rttUs: fc.integer({ min: 5, max: 500 }).map((n) => n * 10),
});

describe(`runScenario('${ID}')`, () => {
  it('should reply to each PUBLISH with the number of subscribers connected at that moment', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (p, seed) => {
        const { trace, outcome } = runScenario(ID, { params: p, seed });
        const o = outcome as unknown as Outcome;
        const cmds = commands(trace);
        const publishes = cmds.filter((c) => c.argv[0] === 'PUBLISH');
        expect(o.publishReplies).toHaveLength(p.messages);
        publishes.forEach((pub, i) => {
          // Connected subscriber: its last SUBSCRIBE ran after its last UNSUBSCRIBE, and it is not down.
          const connected = USERS.filter((u) => {
            const mine = cmds.filter((c) => c.from === u && c.ranNs < pub.ranNs);
            const sub = mine.filter((c) => c.argv[0] === 'SUBSCRIBE').pop();
            const quit = mine
              .filter((c) => c.argv[0] === 'UNSUBSCRIBE' || c.argv[0] === 'QUIT')
              .pop();
            return sub && (!quit || quit.ranNs < sub.ranNs) && !downAt(trace, u, pub.ranNs);
          }).length;
          expect(o.publishReplies[i]).toBe(connected);
        });
      }),
      { numRuns: 30 },
    );
  });

  it('should deliver nothing to D (never subscribed) nor to A, and every message to a subscriber that stays online', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (p, seed) => {
        const { outcome } = runScenario(ID, { params: p, seed });
        const o = outcome as unknown as Outcome;
        expect(o.delivered['user-d']).toBe(0);
        expect(o.delivered['user-a']).toBe(0);
        for (const u of ['user-b', 'user-c'])
          if (p.offlineUser !== u) expect(o.delivered[u]).toBe(p.messages);
      }),
      { numRuns: 30 },
    );
  });

  it('should never deliver to a subscriber what was published while it was offline, not even after it returns', () => {
    fc.assert(
      fc.property(
        params.filter((p) => p.offlineUser === 'user-b' || p.offlineUser === 'user-c'),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (p, seed) => {
          const { trace, outcome } = runScenario(ID, { params: p, seed });
          const o = outcome as unknown as Outcome;
          const u = p.offlineUser;
          const whileOff = commands(trace)
            .filter((c) => c.argv[0] === 'PUBLISH' && downAt(trace, u, c.ranNs))
            .map((c) => c.argv[2]);
          expect(whileOff.length).toBeGreaterThan(0);
          expect(o.missedWhileOffline).toBe(whileOff.length);
          const got = received(trace).get(u)!;
          for (const m of whileOff) expect(got).not.toContain(m);
          expect(o.delivered[u]).toBe(p.messages - whileOff.length);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('should run the lesson at defaults: replies 2, 1, 2; C misses one message', () => {
    const { outcome } = runScenario(ID, { seed: 1 });
    expect(outcome).toEqual({
      delivered: { 'user-a': 0, 'user-b': 3, 'user-c': 2, 'user-d': 0 },
      publishReplies: [2, 1, 2],
      missedWhileOffline: 1,
      missed: { 'user-a': 0, 'user-b': 0, 'user-c': 1, 'user-d': 0 },
      listenersReached: 5,
    });
  });

  it('should replay a seed byte for byte', () => {
    for (const seed of [1, 42, 777]) {
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

describe(`runScenario('pubsub-chat') scene rules`, () => {
  it('quotes every number from the run, numbers its steps once and ends on the Summary', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.constantFrom('none', 'user-b', 'user-c', 'user-d'),
        fc.integer({ min: 2, max: 1000 }),
        fc.integer({ min: 5, max: 500 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (messages, offlineUser, gap10, rtt10, seed) => {
          const run = runScenario('pubsub-chat', {
            params: { messages, offlineUser, gapMs: gap10 * 10, rttUs: rtt10 * 10 },
            seed,
          });
          expect(narrationProblems('pubsub-chat', run)).toEqual([]);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('counts per user what was missed while offline, summing to missedWhileOffline', () => {
    const { outcome } = runScenario('pubsub-chat', { params: { messages: 5 }, seed: 4 });
    const o = outcome as {
      missed: Record<string, number>;
      missedWhileOffline: number;
      publishReplies: number[];
      listenersReached: number;
    };
    expect(o.missed['user-c']).toBe(1);
    expect(Object.values(o.missed).reduce((a, b) => a + b, 0)).toBe(o.missedWhileOffline);
    expect(o.listenersReached).toBe(o.publishReplies.reduce((a, b) => a + b, 0));
  });
});
