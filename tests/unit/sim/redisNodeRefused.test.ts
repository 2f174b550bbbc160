import { MS, redisWorld, SEC, US } from './redisNodeHarness';

// Oracle: a killed redis-server's host has no listener on the port: its kernel
// answers the connection with a reset (redis-cli: "Connection refused"), an
// error packet that carries no Redis reply. A freed connection while the
// process is dead changes nothing. A per-command cost below zero is no cost.
describe('the Redis host while the process is dead', () => {
  it('answers a command with an RST, not a Redis reply', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.at(0, () => h.redis.crash());
    h.cmd(1 * MS, ['PING']);
    h.w.engine.run(1 * SEC);
    const rst = h.sent().filter((p) => p.label === 'RST: connection refused');
    expect(rst.map((p) => [p.kind, p.payload])).toEqual([['error', { re: 1, refused: true }]]);
    expect(h.replyTo('PING')?.reply).toEqual({ type: 'error', value: 'Connection refused' });
  });

  it('a closed connection while dead is ignored; after the restart the node serves again', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.cmd(0, ['SUBSCRIBE', 'ch'], undefined, 'sub');
    h.at(1 * MS, () => h.redis.crash());
    h.at(2 * MS, () => h.app.crash()); // its FIN reaches the dead process
    h.at(3 * MS, () => h.app.restart());
    h.at(4 * MS, () => h.redis.restart());
    h.cmd(100 * MS, ['PUBLISH', 'ch', 'hi']);
    h.w.engine.run(1 * SEC);
    expect(h.replyTo('PUBLISH ch hi')?.reply).toEqual({ type: 'integer', value: '0' });
  });
});

describe('the per-command cost', () => {
  it('a negative cost is no cost', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.at(1 * MS, () => h.redis.setCostNs(-5));
    h.cmd(2 * MS, ['PING']);
    h.w.engine.run(1 * SEC);
    expect(h.replyTo('PING')?.atNs).toBe(2 * MS + 20 * US);
  });
});
