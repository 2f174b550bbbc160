// Documented memcached 1.6 rules (protocol.txt, ../shared/FACTS.md) as
// request/reply pairs, each reply as memcached 1.6.18 gave it on this machine.
// tests/unit/memcached/documented.test.ts plays them on the model;
// tests/differential/memcachedDocumented.test.ts plays them on real memcached,
// so a reply written down wrong fails there.

/** [request bytes, the exact reply bytes]. */
export type Exchange = readonly [string, string];

export interface DocumentedCase {
  name: string;
  /** memcached's options beyond -m 64, and the model's matching itemSizeMax. */
  server?: { args: string[]; itemSizeMax: number };
  /** `now` is the server's clock in Unix seconds (absolute exptimes are built from it). */
  steps: (now: number) => Exchange[];
}

const K250 = 'k'.repeat(250);
const K251 = 'k'.repeat(251);
const MAX64 = '18446744073709551615';
const BAD_LINE = 'CLIENT_ERROR bad command line format\r\n';
const NON_NUMERIC = 'CLIENT_ERROR cannot increment or decrement non-numeric value\r\n';
const BAD_DELTA = 'CLIENT_ERROR invalid numeric delta argument\r\n';

export const DOCUMENTED_CASES: DocumentedCase[] = [
  {
    name: 'incr wraps at 2^64 (the result keeps the old length, space-padded, when shorter)',
    steps: () => [
      [`set n 0 0 20\r\n${MAX64}\r\n`, 'STORED\r\n'],
      ['incr n 1\r\n', '0\r\n'],
      ['get n\r\n', `VALUE n 0 20\r\n0${' '.repeat(19)}\r\nEND\r\n`],
      ['set m 0 0 1\r\n1\r\n', 'STORED\r\n'],
      [`incr m ${MAX64}\r\n`, '0\r\n'],
      [`incr m ${MAX64}\r\n`, `${MAX64}\r\n`],
      ['get m\r\n', `VALUE m 0 20\r\n${MAX64}\r\nEND\r\n`],
    ],
  },
  {
    name: 'decr stops at 0; a shorter result is space-padded, a longer one grows the item',
    steps: () => [
      ['set n 0 0 1\r\n5\r\n', 'STORED\r\n'],
      ['decr n 10\r\n', '0\r\n'],
      ['get n\r\n', 'VALUE n 0 1\r\n0\r\nEND\r\n'],
      ['set p 0 0 3\r\n100\r\n', 'STORED\r\n'],
      ['decr p 1\r\n', '99\r\n'],
      ['get p\r\n', 'VALUE p 0 3\r\n99 \r\nEND\r\n'],
      ['incr p 1\r\n', '100\r\n'],
      ['get p\r\n', 'VALUE p 0 3\r\n100\r\nEND\r\n'],
      ['set q 0 0 2\r\n99\r\n', 'STORED\r\n'],
      ['incr q 1\r\n', '100\r\n'],
      ['get q\r\n', 'VALUE q 0 3\r\n100\r\nEND\r\n'],
      // The number is read as a C string: a NUL byte ends it.
      ['set z 0 0 5\r\n5\0abc\r\n', 'STORED\r\n'],
      ['incr z 1\r\n', '6\r\n'],
      ['get z\r\n', 'VALUE z 0 5\r\n6    \r\nEND\r\n'],
    ],
  },
  {
    name: 'incr/decr refuse non-numbers, 2^64, negatives and bad deltas; noreply; missing keys',
    steps: () => [
      ['set s 3 0 3\r\nabc\r\n', 'STORED\r\n'],
      ['incr s 1\r\n', NON_NUMERIC],
      ['decr s 1\r\n', NON_NUMERIC],
      ['set big 0 0 20\r\n18446744073709551616\r\n', 'STORED\r\n'],
      ['incr big 1\r\n', NON_NUMERIC],
      ['set neg 0 0 2\r\n-5\r\n', 'STORED\r\n'],
      ['decr neg 1\r\n', NON_NUMERIC],
      ['incr nothere 1\r\n', 'NOT_FOUND\r\n'],
      ['incr s abc\r\n', BAD_DELTA],
      ['incr s -1\r\n', BAD_DELTA],
      ['incr s 18446744073709551616\r\n', BAD_DELTA],
      ['set z 0 0 1\r\n7\r\n', 'STORED\r\n'],
      ['incr z 3 noreply\r\n', ''],
      ['get z\r\n', 'VALUE z 0 2\r\n10\r\nEND\r\n'],
      ['incr z 1 2\r\n', '11\r\n'],
      ['incr z\r\n', 'ERROR\r\n'],
    ],
  },
  {
    name: 'exptime: negative expires at once, up to 30 days is relative, above is a Unix time',
    steps: (now) => [
      ['set a 0 -1 1\r\nx\r\n', 'STORED\r\n'],
      ['get a\r\n', 'END\r\n'],
      [`set b 0 ${now + 1000} 1\r\nx\r\n`, 'STORED\r\n'],
      ['get b\r\n', 'VALUE b 0 1\r\nx\r\nEND\r\n'],
      [`set c 0 ${now - 1} 1\r\nx\r\n`, 'STORED\r\n'],
      ['get c\r\n', 'END\r\n'],
      ['set d 0 2592000 1\r\nx\r\n', 'STORED\r\n'],
      ['get d\r\n', 'VALUE d 0 1\r\nx\r\nEND\r\n'],
      ['set e 0 2592001 1\r\nx\r\n', 'STORED\r\n'],
      ['get e\r\n', 'END\r\n'],
      ['set f 0 abc 1\r\nx\r\n', `${BAD_LINE}ERROR\r\n`],
      ['touch b -1\r\n', 'TOUCHED\r\n'],
      ['get b\r\n', 'END\r\n'],
    ],
  },
  {
    name: 'cas: STORED on the current unique, then EXISTS; NOT_FOUND without an item; noreply',
    steps: () => [
      ['set k 5 0 1\r\na\r\n', 'STORED\r\n'],
      ['gets k\r\n', 'VALUE k 5 1 1\r\na\r\nEND\r\n'],
      ['cas k 6 0 1 1\r\nb\r\n', 'STORED\r\n'],
      ['gets k\r\n', 'VALUE k 6 1 2\r\nb\r\nEND\r\n'],
      ['cas k 7 0 1 1\r\nc\r\n', 'EXISTS\r\n'],
      ['cas gone 0 0 1 1\r\nc\r\n', 'NOT_FOUND\r\n'],
      ['cas k 0 0 1 abc\r\nd\r\n', `${BAD_LINE}ERROR\r\n`],
      ['cas k 0 0 1\r\nd\r\n', 'ERROR\r\nERROR\r\n'],
      ['cas k 0 0 1 2 noreply\r\nq\r\n', ''],
      ['gets k\r\n', 'VALUE k 0 1 3\r\nq\r\nEND\r\n'],
      ['cas k 0 0 1 3 noreply\r\nr\r\n', ''],
      ['get k\r\n', 'VALUE k 0 1\r\nr\r\nEND\r\n'],
    ],
  },
  {
    name: 'noreply silences replies, but not ERROR for a bad data chunk or a bad line',
    steps: () => [
      ['set k 0 0 1 noreply\r\na\r\n', ''],
      ['add k 0 0 1 noreply\r\nb\r\n', ''],
      ['replace k 0 0 1 noreply\r\nc\r\n', ''],
      ['append k 0 0 1 noreply\r\nd\r\n', ''],
      ['prepend k 0 0 1 noreply\r\ne\r\n', ''],
      ['get k\r\n', 'VALUE k 0 3\r\necd\r\nEND\r\n'],
      ['delete k noreply\r\n', ''],
      ['delete k noreply\r\n', ''],
      ['touch k 0 noreply\r\n', ''],
      ['set k 0 0 1 noreply\r\nxy\r\n', 'ERROR\r\n'],
      ['set k 0 0 x noreply\r\na\r\n', 'ERROR\r\n'],
      ['get k\r\n', 'END\r\n'],
    ],
  },
  {
    name: 'keys: 250 bytes are accepted, 251 are a bad command line for every command',
    steps: () => [
      [`set ${K250} 0 0 1\r\na\r\n`, 'STORED\r\n'],
      [`get ${K250}\r\n`, `VALUE ${K250} 0 1\r\na\r\nEND\r\n`],
      [`set ${K251} 0 0 1\r\na\r\n`, `${BAD_LINE}ERROR\r\n`],
      [`get ${K251}\r\n`, BAD_LINE],
      [`delete ${K251}\r\n`, BAD_LINE],
      [`incr ${K251} 1\r\n`, BAD_LINE],
      [`touch ${K251} 1\r\n`, BAD_LINE],
    ],
  },
  {
    name: 'tokenizer: unknown commands and wrong word counts are ERROR, bad numbers CLIENT_ERROR',
    steps: () => [
      ['foo\r\n', 'ERROR\r\n'],
      ['\r\n', 'ERROR\r\n'],
      ['s\r\n', 'ERROR\r\n'],
      ['set k 0 0\r\n', 'ERROR\r\n'],
      ['set k 0 0 1 2 3\r\n', 'ERROR\r\n'],
      ['set k abc 0 1\r\na\r\n', `${BAD_LINE}ERROR\r\n`],
      ['set k 0 0 -1\r\na\r\n', `${BAD_LINE}ERROR\r\n`],
      ['set k 0 0 1\r\nab\r\n', 'CLIENT_ERROR bad data chunk\r\nERROR\r\n'],
      ['set k 4294967295 0 1\r\na\r\n', 'STORED\r\n'],
      ['get k\r\n', 'VALUE k 4294967295 1\r\na\r\nEND\r\n'],
      ['get\r\n', 'ERROR\r\n'],
      ['GET k\r\n', 'ERROR\r\n'],
      ['set k 0 0 1\na\r\n', 'STORED\r\n'],
    ],
  },
  {
    name: 'touch and gat/gats set a new exptime (gat -1 answers, then the item is gone)',
    steps: () => [
      ['set k 1 0 1\r\na\r\n', 'STORED\r\n'],
      ['touch k 1000\r\n', 'TOUCHED\r\n'],
      ['touch none 1000\r\n', 'NOT_FOUND\r\n'],
      ['gat 0 k none\r\n', 'VALUE k 1 1\r\na\r\nEND\r\n'],
      ['gats 100 k\r\n', 'VALUE k 1 1 1\r\na\r\nEND\r\n'],
      ['gat -1 k\r\n', 'VALUE k 1 1\r\na\r\nEND\r\n'],
      ['get k\r\n', 'END\r\n'],
      ['gat 0\r\n', 'END\r\n'],
      ['gat abc k\r\n', 'CLIENT_ERROR invalid exptime argument\r\n'],
    ],
  },
  {
    name: 'add/replace/append/prepend conditions; append keeps flags; delete; flush_all',
    steps: () => [
      ['add k 0 0 1\r\na\r\n', 'STORED\r\n'],
      ['add k 0 0 1\r\nb\r\n', 'NOT_STORED\r\n'],
      ['replace none 0 0 1\r\nb\r\n', 'NOT_STORED\r\n'],
      ['append none 0 0 1\r\nb\r\n', 'NOT_STORED\r\n'],
      ['prepend none 0 0 1\r\nb\r\n', 'NOT_STORED\r\n'],
      ['append k 9 0 2\r\nyz\r\n', 'STORED\r\n'],
      ['prepend k 9 0 2\r\nwx\r\n', 'STORED\r\n'],
      ['gets k\r\n', 'VALUE k 0 5 3\r\nwxayz\r\nEND\r\n'],
      ['replace k 2 0 1\r\nr\r\n', 'STORED\r\n'],
      ['gets k\r\n', 'VALUE k 2 1 4\r\nr\r\nEND\r\n'],
      ['delete k\r\n', 'DELETED\r\n'],
      ['delete k\r\n', 'NOT_FOUND\r\n'],
      ['delete k 0\r\n', 'NOT_FOUND\r\n'],
      [
        'delete k 5\r\n',
        'CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]\r\n',
      ],
      ['set k 0 0 1\r\na\r\n', 'STORED\r\n'],
      ['flush_all\r\n', 'OK\r\n'],
      ['get k\r\n', 'END\r\n'],
    ],
  },
  {
    name: 'item size (-I 4k): header 48 + cas 8 + key + 1 + flags 4 when non-zero + data + 2 bytes',
    server: { args: ['-I', '4k', '-o', 'slab_chunk_max=2048'], itemSizeMax: 4096 },
    steps: () => [
      // 4096 - 48 - 8 - (6 + 1) - 2 = 4031 data bytes with flags 0, 4027 with flags.
      [`set key:10 0 0 4031\r\n${'x'.repeat(4031)}\r\n`, 'STORED\r\n'],
      [
        `set key:10 0 0 4032\r\n${'x'.repeat(4032)}\r\n`,
        'SERVER_ERROR object too large for cache\r\n',
      ],
      [`set key:10 7 0 4027\r\n${'x'.repeat(4027)}\r\n`, 'STORED\r\n'],
      [
        `set key:10 7 0 4028\r\n${'x'.repeat(4028)}\r\n`,
        'SERVER_ERROR object too large for cache\r\n',
      ],
      // A set too large for the cache also drops the old item (no stale value survives).
      ['get key:10\r\n', 'END\r\n'],
    ],
  },
  {
    name: 'item size (-I 4k): append/prepend past the limit are NOT_STORED; chunked items are not numbers',
    server: { args: ['-I', '4k', '-o', 'slab_chunk_max=2048'], itemSizeMax: 4096 },
    steps: () => [
      // Key "a": 4096 - 48 - 8 - 2 - 2 = 4036 data bytes at most.
      [`set a 0 0 4000\r\n${'x'.repeat(4000)}\r\n`, 'STORED\r\n'],
      [`append a 0 0 36\r\n${'y'.repeat(36)}\r\n`, 'STORED\r\n'],
      ['append a 0 0 1\r\nz\r\n', 'NOT_STORED\r\n'],
      ['prepend a 0 0 1\r\nz\r\n', 'NOT_STORED\r\n'],
      [`set b 0 0 4000\r\n${'x'.repeat(4000)}\r\n`, 'STORED\r\n'],
      [`prepend b 0 0 37\r\n${'y'.repeat(37)}\r\n`, 'NOT_STORED\r\n'],
      ['get b\r\n', `VALUE b 0 4000\r\n${'x'.repeat(4000)}\r\nEND\r\n`],
      // An item over slab_chunk_max (2048) is stored in chunks, and incr refuses it:
      // 48 + 8 + 2 + 1988 + 2 = 2048 is one chunk, a byte more is two (flags add 4).
      [`set n 0 0 1988\r\n5${' '.repeat(1987)}\r\n`, 'STORED\r\n'],
      ['incr n 1\r\n', '6\r\n'],
      [`set n 0 0 1989\r\n5${' '.repeat(1988)}\r\n`, 'STORED\r\n'],
      ['incr n 1\r\n', NON_NUMERIC],
      [`set f 1 0 1984\r\n5${' '.repeat(1983)}\r\n`, 'STORED\r\n'],
      ['incr f 1\r\n', '6\r\n'],
      [`set f 1 0 1985\r\n5${' '.repeat(1984)}\r\n`, 'STORED\r\n'],
      ['incr f 1\r\n', NON_NUMERIC],
    ],
  },
  {
    name: 'numbers on the command line: read as 64-bit C longs, then cut to 32 bits; cas 0 never matches',
    steps: () => [
      // safe_strtoul/safe_strtol check the 64-bit value, then store it in 32 bits.
      ['set k 4294967297 0 1\r\na\r\n', 'STORED\r\n'],
      ['get k\r\n', 'VALUE k 1 1\r\na\r\nEND\r\n'],
      ['set k -1 0 1\r\nb\r\n', `${BAD_LINE}ERROR\r\n`],
      ['get k\r\n', 'VALUE k 1 1\r\na\r\nEND\r\n'],
      // 2^31 as an int is negative: expired at once.
      ['set k 0 2147483648 1\r\nc\r\n', 'STORED\r\n'],
      ['get k\r\n', 'END\r\n'],
      ['set k 0 0 2147483646\r\n', BAD_LINE],
      ['set k 0 0 1\r\na\r\n', 'STORED\r\n'],
      ['touch k abc\r\n', 'CLIENT_ERROR invalid exptime argument\r\n'],
      ['gets k\r\n', 'VALUE k 0 1 3\r\na\r\nEND\r\n'],
      ['cas k 0 0 1 0\r\nb\r\n', 'EXISTS\r\n'],
      ['cas k 0 0 1 18446744073709551616\r\nb\r\n', `${BAD_LINE}ERROR\r\n`],
      ['cas k 0 0 1 7 noreply\r\nb\r\n', ''],
      ['get k\r\n', 'VALUE k 0 1\r\na\r\nEND\r\n'],
      ['touch k 2147483648\r\n', 'TOUCHED\r\n'],
      ['get k\r\n', 'END\r\n'],
    ],
  },
  {
    name: 'delete legacy forms, verbosity, flush_all with a delay, noreply or a bad number',
    steps: () => [
      ['set k 0 0 1\r\na\r\n', 'STORED\r\n'],
      ['delete k 0 noreply\r\n', ''],
      ['get k\r\n', 'END\r\n'],
      ['delete k 1 noreply\r\n', ''],
      [
        'delete k 0 0\r\n',
        'CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]\r\n',
      ],
      ['verbosity 1\r\n', 'OK\r\n'],
      ['verbosity abc\r\n', BAD_LINE],
      ['verbosity 1 noreply\r\n', ''],
      ['set k 0 0 1\r\na\r\n', 'STORED\r\n'],
      ['flush_all abc\r\n', 'CLIENT_ERROR invalid exptime argument\r\n'],
      ['flush_all 100\r\n', 'OK\r\n'],
      ['get k\r\n', 'VALUE k 0 1\r\na\r\nEND\r\n'],
      ['flush_all 0 noreply\r\n', ''],
      ['get k\r\n', 'END\r\n'],
      ['set k 0 0 1\r\nb\r\n', 'STORED\r\n'],
      ['flush_all noreply\r\n', ''],
      ['get k\r\n', 'END\r\n'],
    ],
  },
];
