// The memcached node: N worker threads, each running its pinned connections'
// requests one at a time (FACTS.md: "One listener and N worker threads";
// memcached's listener hands connections out round robin), no persistence
// ("a restart starts empty"), and replies that are the store's bytes.
import { fixed, MemcachedNode, World, type Packet } from '../../../src/sim';
import { replyLabel } from '../../../src/sim/nodes/memcached';

const LINK_NS = 100;
const COST_NS = 1_000;

interface Got {
  t: number;
  p: Packet;
}

function setup(threads = 2) {
  const w = new World(1);
  const node = w.add(new MemcachedNode(w, 'mc', { threads, requestCostNs: COST_NS }));
  const got: Got[] = [];
  w.add({ id: 'c', kind: 'client', up: true, receive: (p: Packet) => got.push({ t: w.nowNs, p }) });
  w.link('c', 'mc', fixed(LINK_NS));
  let rid = 0;
  /** Sends `request` on connection `conn` at simulated `atNs`; returns its rid. */
  const send = (request: string, conn = 'a', atNs = 0) => {
    const r = ++rid;
    w.engine.schedule(atNs - w.nowNs, () =>
      w.send({
        from: 'c',
        to: 'mc',
        kind: 'request',
        label: request,
        payload: { rid: r, request, conn },
      }),
    );
    return r;
  };
  const replies = () =>
    got.map(({ t, p }) => {
      const pl = p.payload as { re: number; reply?: string; thread?: number; reset?: boolean };
      return {
        t,
        re: pl.re,
        kind: p.kind,
        label: p.label,
        reply: pl.reply,
        thread: pl.thread,
        reset: pl.reset,
      };
    });
  const data = (key: string) =>
    w.entries.flatMap((e) =>
      e.k === 'data' && e.node === 'mc' && e.key === key ? [[e.t, e.value]] : [],
    );
  const states = () =>
    w.entries.flatMap((e) => (e.k === 'state' && e.node === 'mc' ? [`${e.t}:${e.value}`] : []));
  return { w, node, send, replies, data, states };
}

describe('MemcachedNode', () => {
  it("replies with the store's bytes after the request's cost, and shows each key's value", () => {
    const { w, node, send, replies, data } = setup();
    send('set k 0 0 5\r\nhello\r\n');
    send('get k\r\n');
    w.engine.run();
    expect(replies()).toEqual([
      {
        t: 2 * LINK_NS + COST_NS,
        re: 1,
        kind: 'reply',
        label: 'STORED',
        reply: 'STORED\r\n',
        thread: 0,
        reset: undefined,
      },
      {
        t: 2 * LINK_NS + 2 * COST_NS,
        re: 2,
        kind: 'reply',
        label: 'VALUE k hello',
        reply: 'VALUE k 0 5\r\nhello\r\nEND\r\n',
        thread: 0,
        reset: undefined,
      },
    ]);
    expect(data('k')).toEqual([[LINK_NS + COST_NS, 'hello']]);
    expect(node.served).toEqual([2, 0]);
    expect(
      w.entries
        .filter((e) => e.k === 'send' && e.p.from === 'mc')
        .map((e) => (e.k === 'send' ? e.p.bytes : 0)),
    ).toEqual([8, 25]);
  });

  it('pins each connection to a thread, round robin, and runs a thread one request at a time', () => {
    const { w, node, send, replies, states } = setup(2);
    for (const conn of ['a', 'b', 'c']) {
      send(`set ${conn} 0 0 1\r\n1\r\n`, conn);
      send(`incr ${conn} 1\r\n`, conn);
    }
    w.engine.run();
    const byRid = new Map(replies().map((r) => [r.re, r]));
    // a and c share thread 0 (four requests back to back), b has thread 1.
    expect([1, 2, 5, 6].map((r) => [byRid.get(r)!.thread, byRid.get(r)!.t])).toEqual([
      [0, 2 * LINK_NS + COST_NS],
      [0, 2 * LINK_NS + 2 * COST_NS],
      [0, 2 * LINK_NS + 3 * COST_NS],
      [0, 2 * LINK_NS + 4 * COST_NS],
    ]);
    expect([3, 4].map((r) => [byRid.get(r)!.thread, byRid.get(r)!.t])).toEqual([
      [1, 2 * LINK_NS + COST_NS],
      [1, 2 * LINK_NS + 2 * COST_NS],
    ]);
    expect([2, 4, 6].map((r) => byRid.get(r)!.reply)).toEqual(['2\r\n', '2\r\n', '2\r\n']);
    expect(node.served).toEqual([4, 2]);
    // The state each instant settles in (a DONE and the next START share an instant):
    // both threads busy until thread 1 runs dry, then one, then none.
    const settled = new Map(states().map((x) => x.split(':') as [string, string]));
    expect([...settled]).toEqual([
      ['0', 'idle'],
      [`${LINK_NS}`, 'saturated'],
      [`${LINK_NS + COST_NS}`, 'saturated'],
      [`${LINK_NS + 2 * COST_NS}`, 'busy'],
      [`${LINK_NS + 3 * COST_NS}`, 'busy'],
      [`${LINK_NS + 4 * COST_NS}`, 'idle'],
    ]);
    const threads = w.entries.flatMap((e) =>
      e.k === 'data' && e.key === '#threads' ? [e.value] : [],
    );
    expect(threads[0]).toBe('0/2 threads busy');
    expect(threads).toContain('2/2 threads busy');
    expect(threads[threads.length - 1]).toBe('0/2 threads busy');
  });

  it('expires items on the simulated clock (exptime 1: gone once a second has passed)', () => {
    const { w, send, replies, data } = setup(1);
    send('set k 0 1 1\r\nx\r\n', 'a', 0);
    send('get k\r\n', 'a', 999_000_000 - LINK_NS - COST_NS);
    send('get k\r\n', 'a', 1_000_000_000 - LINK_NS - COST_NS);
    w.engine.run();
    expect(replies().map((r) => r.reply)).toEqual([
      'STORED\r\n',
      'VALUE k 0 1\r\nx\r\nEND\r\n',
      'END\r\n',
    ]);
    expect(data('k')).toEqual([
      [LINK_NS + COST_NS, 'x'],
      [1_000_000_000, null],
    ]);
  });

  it('loses every item in a crash: requests running or queued get a reset; a restart starts empty', () => {
    const { w, node, send, replies, data } = setup(1);
    send('set k 0 0 1\r\nx\r\n', 'a', 0);
    send('get k\r\n', 'a', 10_000);
    send('get k\r\n', 'b', 10_000);
    w.engine.schedule(10_000 + LINK_NS + COST_NS / 2, () => node.crash());
    send('get k\r\n', 'a', 20_000);
    w.engine.schedule(30_000, () => node.restart());
    send('get k\r\n', 'a', 40_000);
    w.engine.run();
    const r = replies();
    expect(r.map((x) => [x.re, x.label])).toEqual([
      [1, 'STORED'],
      [2, 'RST: connection reset'],
      [3, 'RST: connection reset'],
      [4, 'RST: connection refused'],
      [5, 'END'],
    ]);
    expect(r.slice(1, 4).every((x) => x.kind === 'error' && x.reset === true)).toBe(true);
    expect(data('k')).toEqual([
      [LINK_NS + COST_NS, 'x'],
      [10_000 + LINK_NS + COST_NS / 2, null],
    ]);
    expect(node.up).toBe(true);
    expect(node.store.items(0)).toEqual([]);
  });
});

describe('replyLabel', () => {
  it('is the first line, or VALUE with the key and the data cut at 24 characters', () => {
    expect(replyLabel('END\r\n')).toBe('END');
    expect(replyLabel('CLIENT_ERROR bad data chunk\r\nERROR\r\n')).toBe(
      'CLIENT_ERROR bad data chunk',
    );
    expect(replyLabel('VALUE k 0 1 7\r\na\r\nEND\r\n')).toBe('VALUE k a');
    const v24 = 'x'.repeat(24);
    expect(replyLabel(`VALUE k 0 24\r\n${v24}\r\nEND\r\n`)).toBe(`VALUE k ${v24}`);
    expect(replyLabel(`VALUE k 0 25\r\n${v24}y\r\nEND\r\n`)).toBe(`VALUE k ${'x'.repeat(23)}…`);
  });
});
