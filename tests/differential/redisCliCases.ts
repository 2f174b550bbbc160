// Commands whose replies redis-cli --no-raw prints in every shape formatReply
// handles: simple strings, errors, integers, nil, quoted bulk strings with
// every escape, empty and nested arrays with one-, two- and three-digit
// indexes. SETUP runs first on a flushed server (over RESP, so values may hold
// any byte); each case (none changes the data) is then sent over RESP and
// by redis-cli.
// Recorded by scripts/recordRedisCli.ts into tests/fixtures/redisCli.json.

/** Bytes 0 to 127 (utf8 below holds multi-byte characters). */
const ASCII = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join('');

export const SETUP: string[][] = [
  ['SET', 'ascii', ASCII],
  ['SET', 'utf8', 'héllo €'],
  ['SET', 'quote', 'say "hi" \\o/'],
  ['SET', 'empty', ''],
  ['RPUSH', 'l100', ...Array.from({ length: 100 }, (_, i) => `e${i}`)],
  ['RPUSH', 'l10', ...Array.from({ length: 10 }, (_, i) => String(i))],
  ['HSET', 'h', 'f', 'v'],
  ['ZADD', 'z', '1.5', 'a', '2', 'b'],
];

export const CASES: string[][] = [
  ['PING'],
  ['SET', 'k', 'v'],
  ['GET', 'k'],
  ['GET', 'nokey'],
  ['GET', 'ascii'],
  ['GET', 'utf8'],
  ['GET', 'quote'],
  ['GET', 'empty'],
  ['STRLEN', 'ascii'],
  ['TTL', 'nokey'],
  ['OBJECT', 'REFCOUNT', 'l10'],
  ['BOGUS', 'x'],
  ['GET', 'h'],
  ['TYPE', 'h'],
  ['LRANGE', 'l10', '0', '-1'],
  ['LRANGE', 'l10', '0', '8'],
  ['LRANGE', 'l100', '0', '-1'],
  ['LRANGE', 'nokey', '0', '-1'],
  ['MGET', 'k', 'nokey', 'empty'],
  ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
  ['HGETALL', 'h'],
  ['BLPOP', 'nokey', '0.01'],
  ['EVAL', 'return {1, {2, {3, "x"}, {}}, "y", {err = "bad"}, {ok = "fine"}, false}', '0'],
  ['EVAL', 'local t = {} for i = 1, 12 do t[i] = {i, {i, "v"}} end return t', '0'],
  [
    'EVAL',
    'local t = {} for i = 1, 3 do t[i] = redis.call("LRANGE", "l10", 0, -1) end return t',
    '0',
  ],
  ['EVAL', 'return {{}, {{}}}', '0'],
  ['LCS', 'ascii', 'utf8', 'IDX', 'WITHMATCHLEN'],
];
