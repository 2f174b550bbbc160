import { createRng } from '../../../src/sim/rng';
import { fixed } from '../../../src/sim/latency';
import type { Packet } from '../../../src/sim/packet';
import { say, quote } from '../../../src/sim/quote';
import { World, type SimNode } from '../../../src/sim/world';

/**
 * World: nodes, links, send/arrive and the recorder.
 * Oracle: ../shared/DESIGN.md §2 (one seeded generator per run, integer ns),
 * §4 (a link has a latency spec and an optional loss rate; a packet is
 * id, from, to, kind, label, sentNs, deliverNs, bytes, payload) and §5 (every
 * packet sent ends delivered or dropped, with a reason), the World's own doc
 * comments (the wire-size estimate: JSON length + a 40-byte TCP/IP header),
 * and the generator itself (createRng, checked elsewhere against a plain sfc32)
 * to predict which draws a send takes.
 */

class Sink implements SimNode {
  readonly got: Packet[] = [];
  up = true;
  constructor(
    readonly id: string,
    readonly kind = 'client',
  ) {}
  receive(p: Packet): void {
    this.got.push(p);
  }
}

function pair(seed = 1): { w: World; a: Sink; b: Sink } {
  const w = new World(seed);
  const a = w.add(new Sink('a'));
  const b = w.add(new Sink('b', 'redis'));
  return { w, a, b };
}

describe('World nodes and links', () => {
  it('add() returns the node, refuses a duplicate id; node() finds it or throws', () => {
    const w = new World(1);
    const a = new Sink('a');
    expect(w.add(a)).toBe(a);
    expect(w.node('a')).toBe(a);
    expect(() => w.add(new Sink('a'))).toThrow('duplicate node id a');
    expect(() => w.node('zz')).toThrow('unknown node zz');
    expect(w.seed).toBe(1);
  });

  it('topology() lists nodes and links in the order added, a relink once, and linkOf works both ways', () => {
    const w = new World(1);
    w.add(new Sink('web', 'webServer'));
    w.add(new Sink('db', 'postgres'));
    w.add(new Sink('cache', 'redis'));
    w.link('web', 'db', fixed(10));
    w.link('web', 'cache', fixed(20), 0.25);
    w.link('db', 'web', fixed(30));
    expect(w.topology()).toEqual({
      nodes: [
        { id: 'web', kind: 'webServer' },
        { id: 'db', kind: 'postgres' },
        { id: 'cache', kind: 'redis' },
      ],
      links: [
        ['web', 'db'],
        ['web', 'cache'],
      ],
    });
    // The relink replaced the spec (and its default loss is 0).
    expect(w.linkOf('db', 'web')).toEqual({ latency: fixed(30), lossRate: 0 });
    expect(w.linkOf('web', 'db')).toEqual({ latency: fixed(30), lossRate: 0 });
    expect(w.linkOf('cache', 'web')).toEqual({ latency: fixed(20), lossRate: 0.25 });
    expect(w.linkOf('db', 'cache')).toBeUndefined();
  });

  it('setLinkLatency() keeps the loss rate of the link', () => {
    const { w, b } = pair();
    w.link('a', 'b', fixed(10), 1);
    w.setLinkLatency('b', 'a', fixed(99));
    expect(w.linkOf('a', 'b')).toEqual({ latency: fixed(99), lossRate: 1 });
    w.send({ from: 'a', to: 'b', kind: 'request', label: 'x', payload: null });
    w.finish();
    expect(b.got).toEqual([]);
    expect(w.entries.at(-1)).toEqual({ k: 'drop', t: 99, id: 1, reason: 'lost on the link' });
  });

  it('send() throws for two unlinked nodes', () => {
    const { w } = pair();
    expect(() =>
      w.send({ from: 'a', to: 'b', kind: 'request', label: 'x', payload: null }),
    ).toThrow('no link between a and b');
  });
});

describe('World.send and arrival', () => {
  it('numbers packets from 1, stamps sentNs/deliverNs, sizes them as JSON + 40, and delivers at deliverNs', () => {
    const { w, b } = pair();
    w.link('a', 'b', fixed(1_000));
    w.engine.at(500, () => {
      w.send({ from: 'a', to: 'b', kind: 'request', label: 'GET k', payload: { a: 1 } });
      w.send({ from: 'a', to: 'b', kind: 'push', label: 'P', payload: 'xy', bytes: 0 });
    });
    const trace = w.finish();
    const p1: Packet = {
      id: 1,
      from: 'a',
      to: 'b',
      kind: 'request',
      label: 'GET k',
      sentNs: 500,
      deliverNs: 1_500,
      bytes: 40 + '{"a":1}'.length,
      payload: { a: 1 },
    };
    const p2: Packet = { ...p1, id: 2, kind: 'push', label: 'P', bytes: 0, payload: 'xy' };
    expect(b.got).toEqual([p1, p2]);
    expect(trace.entries).toEqual([
      { k: 'send', t: 500, p: p1 },
      { k: 'send', t: 500, p: p2 },
      { k: 'deliver', t: 1_500, id: 1 },
      { k: 'deliver', t: 1_500, id: 2 },
    ]);
    expect(w.nowNs).toBe(1_500);
  });

  it('labelBytes puts "<bytes> B · " before the label', () => {
    const { w } = pair();
    w.link('a', 'b', fixed(1));
    w.labelBytes = true;
    const p = w.send({ from: 'a', to: 'b', kind: 'reply', label: 'OK', payload: null });
    expect(p.label).toBe(`${40 + 4} B · OK`);
    expect(p.bytes).toBe(44);
  });

  it('a link without loss draws only the latency; a lossy one draws the latency, then the loss', () => {
    const spec = { kind: 'uniform', minNs: 1_000, maxNs: 9_000 } as const;
    const { w } = pair(42);
    w.link('a', 'b', spec);
    const ref = createRng(42);
    for (let i = 0; i < 5; i++) {
      const p = w.send({ from: 'a', to: 'b', kind: 'request', label: 'x', payload: null });
      expect(p.deliverNs - p.sentNs).toBe(Math.round(1_000 + ref.next() * 8_000));
    }
    expect(w.rng.next()).toBe(ref.next());

    const lossy = pair(7);
    lossy.w.link('a', 'b', spec, 0.5);
    const ref2 = createRng(7);
    const lost: boolean[] = [];
    for (let i = 0; i < 40; i++) {
      const p = lossy.w.send({ from: 'a', to: 'b', kind: 'request', label: `${i}`, payload: null });
      expect(p.deliverNs - p.sentNs).toBe(Math.round(1_000 + ref2.next() * 8_000));
      lost.push(ref2.next() < 0.5);
    }
    lossy.w.finish();
    // Both outcomes occur, and each packet ends as the reference draw says.
    expect(lost).toContain(true);
    expect(lost).toContain(false);
    const ends = new Map<number, string>();
    for (const e of lossy.w.entries)
      if (e.k === 'deliver') ends.set(e.id, 'deliver');
      else if (e.k === 'drop') ends.set(e.id, e.reason);
    expect(lost.map((_, i) => ends.get(i + 1))).toEqual(
      lost.map((l) => (l ? 'lost on the link' : 'deliver')),
    );
    // Delivered in time order, not send order: compare as sorted ids.
    expect(lossy.b.got.map((p) => p.id).sort((x, y) => x - y)).toEqual(
      lost.flatMap((l, i) => (l ? [] : [i + 1])),
    );
  });

  it('a request with a numeric rid to a down node is dropped and answered with a reset', () => {
    const { w, a, b } = pair();
    w.link('a', 'b', fixed(100));
    b.up = false;
    w.send({ from: 'a', to: 'b', kind: 'request', label: 'GET', payload: { rid: 7 } });
    w.finish();
    expect(b.got).toEqual([]);
    expect(a.got).toEqual([
      {
        id: 2,
        from: 'b',
        to: 'a',
        kind: 'error',
        label: 'RST: connection refused',
        sentNs: 100,
        deliverNs: 200,
        bytes: 40 + JSON.stringify({ re: 7, reset: true }).length,
        payload: { re: 7, reset: true },
      },
    ]);
    expect(w.entries.map((e) => [e.k, e.t])).toEqual([
      ['send', 0],
      ['drop', 100],
      ['send', 100],
      ['deliver', 200],
    ]);
    expect(w.entries[1]).toEqual({ k: 'drop', t: 100, id: 1, reason: 'b is down' });
  });

  it('no reset for a reply, a request without a numeric rid, a null payload, or an unknown node', () => {
    const { w, a, b } = pair();
    w.link('a', 'b', fixed(100));
    w.link('a', 'ghost', fixed(100));
    b.up = false;
    w.send({ from: 'a', to: 'b', kind: 'reply', label: 'r', payload: { rid: 1 } });
    w.send({ from: 'a', to: 'b', kind: 'request', label: 's', payload: { rid: '1' } });
    w.send({ from: 'a', to: 'b', kind: 'request', label: 'n', payload: null });
    w.send({ from: 'a', to: 'ghost', kind: 'request', label: 'g', payload: { rid: 2 } });
    w.finish();
    expect(a.got).toEqual([]);
    expect(w.entries.filter((e) => e.k === 'drop')).toEqual([
      { k: 'drop', t: 100, id: 1, reason: 'b is down' },
      { k: 'drop', t: 100, id: 2, reason: 'b is down' },
      { k: 'drop', t: 100, id: 3, reason: 'b is down' },
      { k: 'drop', t: 100, id: 4, reason: 'ghost is down' },
    ]);
    expect(w.entries.filter((e) => e.k === 'send')).toHaveLength(4);
  });
});

describe('World recorder', () => {
  it('state, data, metric, mark and narrate record at the current time, step only when given', () => {
    const w = new World(1);
    w.engine.at(250, () => {
      w.state('redis', 'busy');
      w.data('redis', 'k', 'v');
      w.data('redis', 'k', null);
      w.metric('hits', 3);
      w.mark('crash');
      w.narrate('b1', 'plain');
      w.narrate('b2', 'stepped', 'Step 1 of 2 · Hit');
      w.narrate('b3', say`got ${quote(5, { metric: 'hits' })} hits`, 'Summary');
      w.narrate('b4', say`x${quote('y', { param: 'p' })}`);
    });
    w.finish();
    expect(w.entries).toStrictEqual([
      { k: 'state', t: 250, node: 'redis', value: 'busy' },
      { k: 'data', t: 250, node: 'redis', key: 'k', value: 'v' },
      { k: 'data', t: 250, node: 'redis', key: 'k', value: null },
      { k: 'metric', t: 250, name: 'hits', value: 3 },
      { k: 'mark', t: 250, label: 'crash' },
      { k: 'narrate', t: 250, beat: 'b1', text: 'plain' },
      { k: 'narrate', t: 250, beat: 'b2', text: 'stepped', step: 'Step 1 of 2 · Hit' },
      {
        k: 'narrate',
        t: 250,
        beat: 'b3',
        text: 'got 5 hits',
        q: [{ text: '5', src: { metric: 'hits' } }],
        step: 'Summary',
      },
      { k: 'narrate', t: 250, beat: 'b4', text: 'xy', q: [{ text: 'y', src: { param: 'p' } }] },
    ]);
  });
});
