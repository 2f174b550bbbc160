import { Actor, fixed, World, type Json, type Packet, type Proc } from '../../../src/sim';

// Oracle: the Actor's documented contract (src/sim/nodes/actor.ts and
// DESIGN.md): a request carries a fresh rid and resumes its process on the
// reply whose `re` matches; a Redis command is its RESP text plus a 40-byte
// TCP/IP header on the wire; a refused connection reads as redis-cli's
// "Connection refused"; a reset reads as no answer (memcached: null, HTTP:
// status 0); a crash closes the node's Redis connections (FIN), resets the
// requests it was serving, empties its local dict, and kills its processes.

const US = 1_000;

/** An actor and a scripted server 10 µs away that answers each request with `answer(p)`. */
function setup(answer: (p: Packet) => object | undefined = () => ({})) {
  const w = new World(4);
  const app = w.add(new Actor(w, 'app', 'webServer'));
  const got: Packet[] = [];
  w.add({
    id: 'srv',
    kind: 'redis',
    up: true,
    receive: (p: Packet) => {
      got.push(p);
      const payload = answer(p);
      const rid = (p.payload as { rid?: number }).rid;
      if (payload === undefined || rid === undefined) return;
      w.send({
        from: 'srv',
        to: 'app',
        kind: 'reply',
        label: 'ok',
        payload: { re: rid, ...payload },
      });
    },
  });
  w.link('app', 'srv', fixed(10 * US));
  const results: unknown[] = [];
  const go = <T>(proc: Proc<T>) => app.run(proc, (r) => results.push(r));
  return { w, app, got, results, go };
}

describe('Actor.redis and Actor.pipeline', () => {
  it('sends the command with its wire size and label, on its connection', () => {
    const { w, app, got, results, go } = setup(() => ({ reply: { type: 'simple', value: 'OK' } }));
    go(app.redis('srv', ['SET', 'k', 'v']));
    go(app.redis('srv', ['GET', 'k'], 'pool#2'));
    w.engine.run();
    // *3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n is 4 + 4 + 5 + 4 + 3 + 4 + 3 = 27 bytes.
    expect(got.map((p) => [p.label, p.bytes, p.payload])).toEqual([
      ['SET k v', 40 + 27, { argv: ['SET', 'k', 'v'], rid: 1 }],
      ['GET k', 40 + 20, { argv: ['GET', 'k'], conn: 'pool#2', rid: 2 }],
    ]);
    expect(results).toEqual([
      { type: 'simple', value: 'OK' },
      { type: 'simple', value: 'OK' },
    ]);
  });

  it('a refused connection, or a reply without one, reads as Connection refused', () => {
    const { w, app, results, go } = setup((p) =>
      (p.payload as { argv: string[] }).argv[0] === 'A' ? { refused: true } : {},
    );
    go(app.redis('srv', ['A']));
    w.engine.at(100 * US, () => go(app.redis('srv', ['B'])));
    w.engine.run();
    expect(results).toEqual([
      { type: 'error', value: 'Connection refused' },
      { type: 'error', value: 'Connection refused' },
    ]);
  });

  it('a pipeline is one packet named by its first command and count, or by its label', () => {
    const replies = [
      { type: 'integer', value: '1' },
      { type: 'integer', value: '2' },
    ];
    const { w, app, got, results, go } = setup(() => ({ replies }));
    go(
      app.pipeline('srv', [
        ['INCR', 'a'],
        ['INCR', 'a'],
      ]),
    );
    w.engine.at(100 * US, () => go(app.pipeline('srv', [['PING']], 'warm-up')));
    w.engine.at(200 * US, () => go(app.pipeline('srv', [])));
    w.engine.run();
    // INCR a: *2\r\n$4\r\nINCR\r\n$1\r\na\r\n is 4 + 4 + 6 + 4 + 3 = 21 bytes.
    expect(got.map((p) => [p.label, p.bytes])).toEqual([
      ['INCR ×2', 40 + 2 * 21],
      ['warm-up', 40 + 14],
      [' ×0', 40],
    ]);
    expect(results[0]).toEqual(replies);
  });

  it('a pipeline refused or answered with one error gives that answer to every command', () => {
    const loading = { type: 'error', value: 'LOADING Redis is loading the dataset in memory' };
    const { w, app, results, go } = setup((p) =>
      (p.payload as { pipeline: string[][] }).pipeline[0][0] === 'A'
        ? { refused: true }
        : { reply: loading },
    );
    go(app.pipeline('srv', [['A'], ['A']]));
    w.engine.at(100 * US, () => go(app.pipeline('srv', [['B'], ['B']])));
    w.engine.run();
    const refused = { type: 'error', value: 'Connection refused' };
    expect(results).toEqual([
      [refused, refused],
      [loading, loading],
    ]);
  });
});

describe('Actor.memcached, Actor.pg, Actor.http', () => {
  it('memcached: the first line labels the request, its length is its size; a reset is null', () => {
    const { w, app, got, results, go } = setup((p) =>
      (p.payload as { request: string }).request.startsWith('get')
        ? { reply: 'END\r\n' }
        : { reset: true },
    );
    go(app.memcached('srv', 'get k\r\n'));
    w.engine.at(100 * US, () => go(app.memcached('srv', 'set k 0 0 1\r\nv\r\n')));
    w.engine.at(200 * US, () => go(app.memcached('srv', 'get x\r\n')));
    w.engine.run();
    expect(got.map((p) => [p.label, p.bytes])).toEqual([
      ['get k', 7],
      ['set k 0 0 1', 16],
      ['get x', 7],
    ]);
    expect(results).toEqual(['END\r\n', null, 'END\r\n']);
  });

  it('memcached: a reply that is not text reads as no answer', () => {
    const { w, app, results, go } = setup(() => ({ reply: 5 }));
    go(app.memcached('srv', 'get k\r\n'));
    w.engine.run();
    expect(results).toEqual([null]);
  });

  it('pg: the row, an error, or a reset; a missing row is null', () => {
    const answers: object[] = [{ row: 'ada' }, { error: 'boom' }, { reset: true }, {}];
    let i = 0;
    const { w, app, got, results, go } = setup(() => answers[i++]);
    for (let k = 0; k < 4; k++)
      w.engine.at(k * 100 * US, () =>
        go(app.pg('srv', { sql: 'SELECT 1', op: 'select', key: 'u' })),
      );
    w.engine.run();
    expect(got[0].label).toBe('SELECT 1');
    expect(got[0].payload).toEqual({ sql: 'SELECT 1', op: 'select', key: 'u', rid: 1 });
    expect(results).toEqual([
      { row: 'ada' },
      { row: null, error: 'boom' },
      { row: null, error: 'connection reset' },
      { row: null },
    ]);
  });

  it('http: status 200 and a null body unless told; a reset is status 0', () => {
    const answers: object[] = [{}, { status: 404, body: 'no' }, { reset: true }];
    let i = 0;
    const { w, app, got, results, go } = setup(() => answers[i++]);
    for (let k = 0; k < 3; k++)
      w.engine.at(k * 100 * US, () => go(app.http('srv', { method: 'GET', path: '/x' })));
    w.engine.run();
    expect(got[0].label).toBe('GET /x');
    expect(results).toEqual([
      { status: 200, body: null },
      { status: 404, body: 'no' },
      { status: 0, body: 'connection reset' },
    ]);
  });
});

describe('Actor: serving, pushes, the local dict, and a crash', () => {
  it('answers a request with its handler’s result (kind reply unless told), ignores stray packets', () => {
    const w = new World(4);
    const pushes: string[] = [];
    const srv = w.add(
      new Actor(w, 'srv', 'webServer', {
        handler: function* (req, self): Proc<{ label: string; payload: Json; kind?: 'error' }> {
          yield* self.sleep(0);
          const path = (req.payload as { path: string }).path;
          return path === '/bad'
            ? { label: '500', payload: { status: 500 }, kind: 'error' as const }
            : { label: '200 OK', payload: { status: 200, body: path } };
        },
        onPush: (p) => pushes.push(p.label),
      }),
    );
    const client = w.add(new Actor(w, 'client', 'client'));
    w.link('client', 'srv', fixed(10 * US));
    const results: unknown[] = [];
    client.run(client.http('srv', { method: 'GET', path: '/a' }), (r) => results.push(r));
    client.run(client.http('srv', { method: 'GET', path: '/bad' }), (r) => results.push(r));
    // A push goes to onPush; a reply nobody waits for and a packet without a rid are dropped.
    w.send({ from: 'client', to: 'srv', kind: 'push', label: 'message', payload: {} });
    w.send({ from: 'client', to: 'srv', kind: 'reply', label: 'late', payload: { re: 99 } });
    w.send({ from: 'client', to: 'srv', kind: 'request', label: 'no rid', payload: {} });
    w.engine.run();
    expect(results).toEqual([
      { status: 200, body: '/a' },
      { status: 500, body: null },
    ]);
    expect(pushes).toEqual(['message']);
    const fromSrv = w.entries.flatMap((e) =>
      e.k === 'send' && e.p.from === 'srv' ? [[e.p.kind, e.p.label]] : [],
    );
    expect(fromSrv).toEqual([
      ['reply', '200 OK'],
      ['error', '500'],
    ]);
    expect(srv.machine.value).toBe('idle');
  });

  it('setLocal records the value, and null deletes the key', () => {
    const w = new World(4);
    const a = w.add(new Actor(w, 'a', 'worker'));
    a.setLocal('k', 1);
    a.setLocal('j', 2);
    a.setLocal('j', null);
    expect([...a.local]).toEqual([['k', 1]]);
    const data = w.entries.flatMap((e) => (e.k === 'data' ? [[e.key, e.value]] : []));
    expect(data).toEqual([
      ['k', 1],
      ['j', 2],
      ['j', null],
    ]);
  });

  it('a crash sends FIN on each Redis connection it opened, empties the dict, and its sleeping process never wakes', () => {
    const { w, app, got, go } = setup(() => undefined);
    let woke = false;
    go(app.redis('srv', ['GET', 'k'], 'c1'));
    go(app.pipeline('srv', [['PING']]));
    app.run(
      (function* (): Proc<void> {
        yield* app.sleep(100 * US);
        woke = true;
      })(),
    );
    app.setLocal('cache', 'x');
    w.engine.at(50 * US, () => app.crash());
    w.engine.run();
    expect(woke).toBe(false);
    expect(app.local.size).toBe(0);
    const fins = got.filter((p) => p.label === 'FIN (connection closed)');
    expect(fins.map((p) => [p.kind, p.payload])).toEqual([
      ['request', { close: 'c1' }],
      ['request', { close: 'app' }],
    ]);
    expect(app.up).toBe(false);
    // A dead node starts nothing; after a restart it runs again, and sleeps wake.
    let ran = 0;
    app.run(
      (function* (): Proc<void> {
        ran++;
        yield* app.sleep(0);
      })(),
    );
    expect(ran).toBe(0);
    app.restart();
    app.run(
      (function* (): Proc<void> {
        yield* app.sleep(10 * US);
        ran++;
      })(),
    );
    w.engine.run();
    expect(ran).toBe(1);
  });
});
