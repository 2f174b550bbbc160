// Oracle: memcached 1.6 hands each new connection to the next worker thread
// round robin, starting with thread 0 in a fresh process (thread.c
// dispatch_conn_new: last_thread starts at -1). A restart is a fresh process:
// its first connection is on thread 0 again. A set of the value a key already
// has changes nothing the Inspector shows.
import { fixed, MemcachedNode, World, type Packet } from '../../../src/sim';

function setup() {
  const w = new World(1);
  const node = w.add(new MemcachedNode(w, 'mc', { threads: 2, requestCostNs: 1_000 }));
  const got: Packet[] = [];
  w.add({ id: 'c', kind: 'client', up: true, receive: (p: Packet) => got.push(p) });
  w.link('c', 'mc', fixed(100));
  let rid = 0;
  const send = (request: string, conn: string, atNs: number) => {
    const r = ++rid;
    w.engine.at(atNs, () =>
      w.send({
        from: 'c',
        to: 'mc',
        kind: 'request',
        label: request,
        payload: { rid: r, request, conn },
      }),
    );
  };
  const threads = () => got.map((p) => (p.payload as { thread?: number }).thread);
  return { w, node, send, threads };
}

describe('MemcachedNode after a restart', () => {
  it('hands the first connection of the new process to thread 0', () => {
    const { w, node, send, threads } = setup();
    send('get k\r\n', 'a', 0);
    w.engine.at(10_000, () => node.crash());
    w.engine.at(20_000, () => node.restart());
    send('get k\r\n', 'b', 30_000);
    send('get k\r\n', 'c', 40_000);
    w.engine.run();
    expect(threads()).toEqual([0, 0, 1]);
  });

  it('records a key again only when its value changes', () => {
    const { w, send } = setup();
    send('set k 0 0 1\r\nx\r\n', 'a', 0);
    send('set k 0 0 1\r\nx\r\n', 'a', 10_000);
    send('set k 0 0 1\r\ny\r\n', 'a', 20_000);
    w.engine.run();
    const data = w.entries.flatMap((e) => (e.k === 'data' && e.key === 'k' ? [e.value] : []));
    expect(data).toEqual(['x', 'y']);
  });
});
