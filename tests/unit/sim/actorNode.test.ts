import {
  Actor,
  fixed,
  RedisNode,
  World,
  type HttpResponse,
  type Proc,
  type Reply,
} from '../../../src/sim';

const US = 1_000;

/** A browser calls a web server that waits on Redis (BLPOP); the server may crash mid-request. */
function setup() {
  const w = new World(9);
  w.add(new RedisNode(w, 'redis', { commandCostNs: 1000 }));
  const server = w.add(
    new Actor(w, 'web', 'webServer', {
      handler: function* (req, self): Proc<{ label: string; payload: { body: string } }> {
        const path = (req.payload as { path: string }).path;
        // A blocked BLPOP is answered by a push, not a reply: this request waits until a crash.
        const r = yield* self.redis(
          'redis',
          path === '/job' ? ['BLPOP', 'jobs', '0'] : ['GET', 'k'],
        );
        return { label: '200 OK', payload: { body: JSON.stringify(r) } };
      },
    }),
  );
  const browser = w.add(new Actor(w, 'browser', 'client'));
  const pusher = w.add(new Actor(w, 'pusher', 'worker'));
  w.link('browser', 'web', fixed(10 * US));
  w.link('web', 'redis', fixed(10 * US));
  w.link('pusher', 'redis', fixed(10 * US));
  const got: [number, HttpResponse][] = [];
  const get = (path: string) =>
    browser.run(browser.http('web', { method: 'GET', path }), (r) => got.push([w.nowNs, r]));
  const push: Reply[] = [];
  const rpush = () =>
    pusher.run(
      (function* (): Proc<void> {
        push.push(yield* pusher.redis('redis', ['RPUSH', 'jobs', 'j1']));
      })(),
    );
  return { w, server, get, rpush, got, push };
}

describe('Actor: requests, replies and a crash', () => {
  it('answers a request once its handler is done', () => {
    const { w, get, got } = setup();
    get('/get');
    w.engine.run();
    // 10 µs to the server, 10 to Redis, 1 to run GET, 10 back, 10 to the browser.
    expect(got).toEqual([[41 * US, { status: 200, body: '{"type":"bulk","value":null}' }]]);
  });

  it('a crash resets the requests it was serving and closes its Redis connections (the waiting BLPOP is dropped)', () => {
    const { w, server, get, rpush, got, push } = setup();
    get('/job');
    w.engine.at(50 * US, () => server.crash());
    w.engine.at(100 * US, rpush);
    w.engine.at(200 * US, () => server.restart());
    w.engine.run();
    expect(got).toEqual([[60 * US, { status: 0, body: 'connection reset' }]]);
    // Nobody waits any more: the element stays in the list (RPUSH answers the new length).
    expect(push).toEqual([{ type: 'integer', value: '1' }]);
    expect(server.up).toBe(true);
  });
});
