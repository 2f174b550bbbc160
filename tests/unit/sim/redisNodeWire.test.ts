import { MS, redisWorld, SEC, US } from './redisNodeHarness';

// Bytes on the wire: the reply's RESP bytes plus a 40-byte TCP/IP header.
const WRONGTYPE = '-WRONGTYPE Operation against a key holding the wrong kind of value\r\n';

describe('replies on the wire', () => {
  it('a pipeline gets one packet: its replies in order, errors counted in the label, RESP bytes + 40', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.pipe(0, [
      ['SET', 'a', 'é'],
      ['LPUSH', 'a', 'x'],
      ['GET', 'a'],
    ]);
    h.pipe(1 * MS, [
      ['LPUSH', 'a', 'x'],
      ['INCR', 'a'],
    ]);
    h.w.engine.run(1 * SEC);
    const out = h.sent().map((p) => [p.kind, p.label, p.bytes]);
    expect(out).toEqual([
      // é is 2 bytes in UTF-8: $2.
      [
        'reply',
        'OK ×3 (1 errors)',
        40 + '+OK\r\n'.length + WRONGTYPE.length + '$2\r\né\r\n'.length + 1,
      ],
      [
        'error',
        // A label keeps 35 characters of the first reply.
        '(error) WRONGTYPE Operation against… ×2',
        40 + WRONGTYPE.length + '-ERR value is not an integer or out of range\r\n'.length,
      ],
    ]);
    expect(h.seen.map((s) => s.reply.type)).toEqual(['simple', 'error', 'bulk', 'error', 'error']);
    // Every command of a pipeline is processed (INFO stats: total_commands_processed).
    expect(h.redis.commands).toBe(5);
  });

  it('a single reply: its label and bytes', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.cmd(0, ['SET', 'k', '😀']);
    h.cmd(1 * MS, ['GET', 'k']);
    h.w.engine.run(1 * SEC);
    // The emoji is 4 bytes in UTF-8; redis-cli prints non-ASCII bytes as \x escapes.
    expect(h.sent().map((p) => [p.label, p.bytes])).toEqual([
      ['OK', 45],
      ['"\\xf0\\x9f\\x98\\x80"', 40 + '$4\r\n\r\n'.length + 4],
    ]);
  });

  it('a pipeline sent while loading is answered -LOADING, every command of it', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.at(0, () => h.redis.crash());
    h.at(1 * MS, () => h.redis.restart());
    h.pipe(1 * MS, [['PING'], ['PING']]);
    h.w.engine.run(1 * SEC);
    expect(h.seen.map((s) => s.reply)).toEqual([
      { type: 'error', value: 'LOADING Redis is loading the dataset in memory' },
      { type: 'error', value: 'LOADING Redis is loading the dataset in memory' },
    ]);
  });

  it('a per-command cost set now applies to the next commands', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.at(1 * MS, () => h.redis.setCostNs(5_000.4));
    h.cmd(2 * MS, ['PING']);
    h.w.engine.run(1 * SEC);
    expect(h.replyTo('PING')?.atNs).toBe(2 * MS + 10 * US + 5 * US + 10 * US);
  });
});

describe('connections and expiry', () => {
  it('a closed connection is freed: its subscriptions end (PUBLISH counts receivers)', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    const published: string[] = [];
    h.cmd(0, ['SUBSCRIBE', 'ch'], undefined, 'app#sub');
    h.cmd(1 * MS, ['PUBLISH', 'ch', 'hi'], (r) => published.push(JSON.stringify(r)));
    h.at(2 * MS, () => h.app.crash()); // its kernel sends FIN for its connections
    h.at(3 * MS, () => h.app.restart());
    h.cmd(4 * MS, ['PUBLISH', 'ch', 'hi'], (r) => published.push(JSON.stringify(r)));
    h.w.engine.run(1 * SEC);
    expect(published).toEqual([
      JSON.stringify({ type: 'integer', value: '1' }),
      JSON.stringify({ type: 'integer', value: '0' }),
    ]);
  });

  it('the active expiry cycle (hz 10) removes a key within 100 ms of its deadline, then idles', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    const expired: [number, string[]][] = [];
    h.redis.onExpired = (keys) => expired.push([h.w.nowNs, keys]);
    h.cmd(0, ['SET', 'k', 'v', 'PX', '150']);
    h.cmd(0, ['SET', 'p', 'v']);
    h.w.engine.run(); // ends: nothing left that could expire
    expect(expired).toHaveLength(1);
    const [atNs, keys] = expired[0];
    expect(keys).toEqual(['k']);
    expect(atNs).toBeGreaterThanOrEqual(150 * MS);
    expect(atNs).toBeLessThanOrEqual(250 * MS + 21 * US);
    expect(h.lastData('k')).toBeNull();
    expect(h.lastData('p')).toMatchObject({ type: 'string', value: 'v', expiresAtMs: null });
    expect(h.w.nowNs).toBe(atNs);
  });

  it('records the keyspace as ranges once a pipeline is done', () => {
    const h = redisWorld({ appendonly: 'no', save: '' }, { keyspaceSummary: true });
    h.pipe(0, [
      ['SET', 'k:1', 'v'],
      ['SET', 'k:2', 'v'],
      ['SET', 'k:3', 'v', 'PX', '100'],
      ['SET', 'x', 'v'],
    ]);
    h.cmd(1 * MS, ['DEL', 'k:2']);
    h.w.engine.run();
    const views = h.w.entries.flatMap((e) =>
      e.k === 'data' && e.key === '#keyspace' ? [e.value] : [],
    );
    expect(views).toEqual([
      { keys: 4, ranges: ['k:1..k:3', 'x'] },
      { keys: 3, ranges: ['k:1', 'k:3', 'x'] },
      // k:3 expired (its 100 ms TTL) in the active cycle.
      { keys: 2, ranges: ['k:1', 'x'] },
    ]);
  });
});
