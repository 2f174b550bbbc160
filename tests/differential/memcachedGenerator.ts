// A seeded generator of memcached text-protocol requests over a small key
// pool, valid and invalid: bad and long keys, control characters, wrong data
// lengths, noreply, odd exptimes and flags, incr on non-numbers, stale cas.
// Every request is complete as the server reads it (no half-read block left
// waiting), so a trailing sentinel command always gets its answer.
import { prng } from './generator';

/** Value bytes for blocks that may end up parsed as command lines: no storage verb can be spelled. */
const SAFE_ALPHABET = 'abcfghijkxyz0123456789-+_';
const KEYS = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'n1', 'n2'];
/** Rare keys: too long, or with bytes a careless tokenizer would trip on. */
const ODD_KEYS = [
  'k'.repeat(250),
  'k'.repeat(251),
  'x'.repeat(300),
  'tab\tkey',
  'ctl\x01\x7f',
  'cr\rkey',
  'ключ',
  'k€1',
  'k1\v',
];
/** Every key that can hold an item (at most 250 bytes): what the workload peeks at. */
export const PEEK_KEYS = [...KEYS, ...ODD_KEYS.filter((k) => Buffer.byteLength(k) <= 250)];
// No stored number reaches 2^63: for those, memcached's safe_strtoull looks for a '-'
// past the item's bytes, in whatever memory follows (not reproducible).
const NUMBERS = [
  '0',
  '1',
  '7',
  '99',
  '100',
  '007',
  ' 5',
  '5 ',
  '-0',
  '-5',
  '12abc',
  '9223372036854775807',
  '18446744073709551616',
  '4294967296',
  '1\t',
];
const DELTAS = [
  '0',
  '1',
  '5',
  '100',
  '18446744073709551615',
  '18446744073709551616',
  '-1',
  'abc',
  '+3',
  '1x',
  '9223372036854775808',
];
const FLAGS = [
  '0',
  '0',
  '0',
  '1',
  '42',
  '4294967295',
  '4294967296',
  '-1',
  '-0',
  'abc',
  '+7',
  '18446744073709551615',
  '1x',
];

/** The number incr would read from a value (strtoull's prefix), or null. */
function leadingNumber(v: string): bigint | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)(?:[ \t\n\v\f\r]|$)/.exec(v);
  if (!m) return null;
  const n = BigInt(m[2]);
  // "-0" reads as 0; any other negative wraps above 2^63 and has a '-': refused.
  return m[1] === '-' && n !== 0n ? null : n;
}

export class McGen {
  private readonly rnd: () => number;

  /** `startSec`: the test's start in Unix seconds, base of absolute exptimes. */
  constructor(
    seed: number,
    private readonly startSec: number,
    private readonly itemSizeMax = 1024 * 1024,
  ) {
    this.rnd = prng(seed);
  }

  int(n: number): number {
    return Math.floor(this.rnd() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }

  key(): string {
    const r = this.rnd();
    if (r < 0.9) return this.pick(KEYS);
    return this.pick(ODD_KEYS);
  }

  /** A value without spaces or storage verbs, safe to be misread as a command line. */
  safeValue(max = 12): string {
    let s = '';
    const n = this.int(max + 1);
    for (let i = 0; i < n; i++) s += SAFE_ALPHABET[this.int(SAFE_ALPHABET.length)];
    return s;
  }

  value(): string {
    const r = this.rnd();
    if (r < 0.35) return this.pick(NUMBERS);
    if (r < 0.45) return this.pick(['', 'a b', 'x\r\ny', 'é€😀', 'tab\there', 'val\0ue']);
    return this.safeValue();
  }

  exptime(): string {
    return this.pick([
      '0',
      '0',
      '0',
      '-1',
      '-100',
      '1000',
      '100000',
      String(60 * 60 * 24 * 30),
      String(60 * 60 * 24 * 30 + 1),
      String(this.startSec + 100000),
      String(this.startSec - 1000),
      'abc',
      '2147483648',
      '4294967296',
      '4294968296', // truncated to int32: 1000
      '+1000',
      '1000x',
    ]);
  }

  private eol(): string {
    return this.chance(0.9) ? '\r\n' : '\n';
  }

  private noreply(): string {
    return this.chance(0.15) ? ' noreply' : '';
  }

  /** One storage request: line, block, and whatever completes a wrong-length block. */
  storage(casOf: (key: string) => number | undefined): string {
    const verb = this.pick([
      'set',
      'set',
      'set',
      'add',
      'replace',
      'append',
      'prepend',
      'cas',
      'cas',
    ]);
    const key = this.key();
    const flags = this.chance(0.85) ? this.pick(['0', '0', '3', '65535']) : this.pick(FLAGS);
    const exptime = this.chance(0.7) ? '0' : this.exptime();
    let casPart = '';
    if (verb === 'cas') {
      const current = casOf(key);
      const r = this.rnd();
      const c =
        current !== undefined && r < 0.55
          ? String(current)
          : r < 0.7 && current !== undefined
            ? String(current - 1)
            : this.pick([
                '0',
                '1',
                '999999',
                'abc',
                '-1',
                '18446744073709551615',
                '18446744073709551616',
              ]);
      casPart = ` ${c}`;
    }
    const r = this.rnd();
    if (r < 0.006) {
      // Around the item size limit, on a valid line (a rejected line would
      // make the megabyte block a command line, and memcached hangs up on those).
      const k = this.pick(KEYS);
      const n = this.itemSizeMax - 60 - k.length + this.pick([0, 0, 1, 2, 100]);
      const c = verb === 'cas' ? ` ${casOf(k) ?? 1}` : '';
      return `${verb} ${k} 0 0 ${n}${c}${this.noreply()}\r\n${'v'.repeat(n)}\r\n`;
    }
    if (r < 0.06) {
      // Wrong declared length, with a value that cannot look like a storage command.
      const data = this.safeValue(10);
      const m = data.length;
      let n = Math.max(0, m + this.pick([-3, -2, -1, 1, 2, 3, 10]));
      if (n === m) n = m + 1;
      const line = `${verb} ${key} ${flags} ${exptime} ${n}${casPart}${this.noreply()}\r\n`;
      if (n > m) return `${line}${data}\r\n${'z'.repeat(n - m)}\r\n`;
      return `${line}${data}\r\n`;
    }
    if (r < 0.1) {
      // A bad line: the block is then read as a command of its own.
      const bad = this.pick([
        `${verb} ${key} ${flags} ${exptime} -1${casPart}`,
        `${verb} ${key} ${flags} ${exptime} abc${casPart}`,
        `${verb} ${key} ${flags} ${exptime}`,
        `${verb} ${key} ${flags} ${exptime} 3${casPart} noreply extra`,
        `${verb} ${key} ${flags} ${exptime} 3${casPart} x y z a b c d e f g h i j k l m n o p q r s`,
        `${verb} ${key} ${flags} ${exptime} 2147483647${casPart}`,
      ]);
      return `${bad}${this.noreply()}\r\n${this.safeValue(6)}\r\n`;
    }
    const value = this.value();
    const n = Buffer.byteLength(value, 'utf8');
    const sep = this.chance(0.05) ? '  ' : ' ';
    return `${verb}${sep}${key} ${flags} ${exptime} ${n}${casPart}${this.noreply()}${this.eol()}${value}\r\n`;
  }

  retrieval(): string {
    const verb = this.pick(['get', 'get', 'gets', 'gets', 'gat', 'gats', 'bget']);
    const many = this.chance(0.1) ? 20 + this.int(15) : 1 + this.int(4);
    const keys = Array.from({ length: many }, () =>
      this.chance(0.97) ? this.pick(KEYS) : this.key(),
    );
    const e = verb.startsWith('gat')
      ? ` ${this.chance(0.8) ? this.pick(['0', '1000', '-1']) : this.exptime()}`
      : '';
    return `${verb}${e} ${keys.join(' ')}${this.eol()}`;
  }

  other(valueOf: (key: string) => string | undefined): string {
    const key = this.chance(0.8) ? this.pick(KEYS) : this.key();
    const n = this.noreply();
    const eol = this.eol();
    switch (this.int(9)) {
      case 0:
      case 1: {
        const verb = this.pick(['incr', 'decr']);
        const v = valueOf(key);
        const current = v === undefined ? null : leadingNumber(v);
        // See NUMBERS: reading a value of 2^63 or more depends on memory contents.
        if (current !== null && current >= 2n ** 63n) return `get ${key}${eol}`;
        let delta = this.pick(DELTAS);
        // Incrementing 0 by 2^64-1 would store such a number; wrap from 1 and up instead.
        if (verb === 'incr' && /^\d+$/.test(delta) && BigInt(delta) >= 2n ** 63n && current === 0n)
          delta = '1';
        // A shorter result is written in place, space-padded, only while no other
        // thread holds the item (refcount == 2); memcached's LRU maintainer may hold
        // a re-read item for a while, and then the result is a new, unpadded item.
        // The scripted test checks padding on fresh items; here we stay clear of it.
        if (current !== null && v !== undefined && /^\d+$/.test(delta)) {
          const d = BigInt(delta);
          const next = verb === 'incr' ? (current + d) % 2n ** 64n : d > current ? 0n : current - d;
          if (next.toString().length < v.length) return `get ${key}${eol}`;
        }
        return `${verb} ${key} ${delta}${n}${eol}`;
      }
      case 2:
        return `touch ${key} ${this.chance(0.7) ? this.pick(['0', '1000']) : this.exptime()}${n}${eol}`;
      case 3:
        return this.pick([
          `delete ${key}${n}${eol}`,
          `delete ${key}${n}${eol}`,
          `delete ${key} 0${n}${eol}`,
          `delete ${key} 1${n}${eol}`,
          `delete ${key} 0 1${eol}`,
          `delete${eol}`,
          `delete a b c d${eol}`,
        ]);
      case 4:
        // Only flushes that act now: a future oldest_live would bring back
        // items the LRU crawler may or may not have reaped (timing-dependent).
        return this.chance(0.25)
          ? this.pick(
              [
                'flush_all',
                'flush_all 0',
                'flush_all -5',
                'flush_all noreply',
                'flush_all 0 noreply',
              ].map((s) => s + eol),
            )
          : `get ${key}${eol}`;
      case 5:
        return (
          this.pick([
            'flush_all abc',
            'flush_all 1 2 3',
            'flush_all x noreply',
            'verbosity 1',
            'verbosity',
            'verbosity x',
            'verbosity 1 noreply',
            'verbosity noreply',
            'version',
            'version extra words',
          ]) + eol
        );
      case 6:
        return (
          this.pick([
            'foo',
            'x',
            '',
            ' ',
            'GET k1',
            'sets k1',
            'incr',
            'touch k1',
            'gets',
            'get',
            'decr k1 1 2 3',
            'st',
            'ca',
          ]) + eol
        );
      case 7:
        return this.pick([`touch ${key} 0${eol}get ${key}`, `get ${key} ${key}`]) + eol;
      default:
        return this.numberSet(key);
    }
  }

  /** A numeric value under a key, so incr/decr find numbers often. */
  private numberSet(key: string): string {
    const v = this.pick(NUMBERS);
    return `set ${key} 0 0 ${v.length}\r\n${v}\r\n`;
  }

  /** One request of 1-3 commands pipelined in one write. */
  request(peek: (key: string) => { cas: number; value: string } | undefined): string {
    const parts = 1 + (this.chance(0.15) ? this.int(3) : 0);
    let out = '';
    for (let i = 0; i < parts; i++) {
      const r = this.rnd();
      out +=
        r < 0.4
          ? this.storage((k) => peek(k)?.cas)
          : r < 0.65
            ? this.retrieval()
            : this.other((k) => peek(k)?.value);
    }
    return out;
  }
}
