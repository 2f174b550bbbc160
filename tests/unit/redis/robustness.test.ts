import fc from 'fast-check';
import { createRedisStore, encodeResp } from '../../../src/sim/redis';

// No input may throw: every command answers a reply or an error, whatever
// the arguments (huge, negative, empty, options in any order).

const NAMES = [
  'APPEND',
  'GETDEL',
  'GETEX',
  'GETRANGE',
  'SUBSTR',
  'GETSET',
  'INCRBYFLOAT',
  'LCS',
  'MSET',
  'MSETNX',
  'PSETEX',
  'SETEX',
  'SETNX',
  'SETRANGE',
  'STRLEN',
  'COPY',
  'EXPIREAT',
  'EXPIRETIME',
  'PEXPIREAT',
  'PEXPIRETIME',
  'OBJECT',
  'RANDOMKEY',
  'RENAME',
  'RENAMENX',
  'SCAN',
  'SORT',
  'SORT_RO',
  'TOUCH',
  'UNLINK',
  'HEXISTS',
  'HINCRBYFLOAT',
  'HKEYS',
  'HLEN',
  'HMGET',
  'HMSET',
  'HRANDFIELD',
  'HSCAN',
  'HSETNX',
  'HSTRLEN',
  'HVALS',
  'WATCH',
  'UNWATCH',
  'MULTI',
  'EXEC',
  'DISCARD',
  'PUBSUB',
  'SET',
  'HSET',
  'RPUSH',
  'SADD',
  'ZADD',
  'DEL',
];
const ARGS = [
  'k',
  'k2',
  'h',
  '0',
  '1',
  '-1',
  '2',
  '10',
  '',
  'x',
  'ENCODING',
  'REFCOUNT',
  'IDLETIME',
  'FREQ',
  'HELP',
  'CHANNELS',
  'NUMSUB',
  'NUMPAT',
  'EX',
  'PX',
  'EXAT',
  'PXAT',
  'PERSIST',
  'KEEPTTL',
  'IDX',
  'LEN',
  'MINMATCHLEN',
  'WITHMATCHLEN',
  'REPLACE',
  'DB',
  'MATCH',
  'COUNT',
  'TYPE',
  'LIMIT',
  'ALPHA',
  'DESC',
  'WITHVALUES',
  'inf',
  '-inf',
  'nan',
  '1e4932',
  '1e-4950',
  '0x1p16383',
  '9223372036854775807',
  '-9223372036854775808',
  '18446744073709551616',
  '536870912',
  '33554431',
  '1.5',
  'é',
  '*',
  '?',
];

describe('robustness of the new commands', () => {
  it('never throws, whatever the arguments', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom(...NAMES), fc.array(fc.constantFrom(...ARGS), { maxLength: 6 })),
          { minLength: 1, maxLength: 40 },
        ),
        (cmds) => {
          const store = createRedisStore();
          let now = 1_000_000;
          for (const [name, args] of cmds) {
            now += 7;
            const reply = store.exec([name, ...args], { nowMs: now, client: now % 2 ? 'a' : 'b' });
            expect(typeof encodeResp(reply)).toBe('string');
          }
          // The AOF the store wrote replays into a fresh store with the same data.
          const copy = createRedisStore();
          expect(copy.loadAof(store.exportAof(), now).truncated).toBe(false);
          const view = (s: typeof store) =>
            s
              .keys()
              .sort()
              .map((k) => [k, s.keyView(k, now)]);
          expect(view(copy)).toEqual(view(store));
        },
      ),
      { numRuns: 300 },
    );
  });
});
