// Seeded commands for the strings, generic, hash, transaction and pub/sub
// introspection commands (commandsA.test.ts): wrong types, wrong arities,
// bad numbers, edge ranges and every option, over a small key pool.
import { prng } from './generator';

/** Replies that are random in Redis: checked structurally, not byte for byte. */
export const RANDOM_REPLY = new Set(['RANDOMKEY', 'HRANDFIELD']);

export class GenA {
  private readonly rnd: () => number;

  /** `startSec`: test start in Unix seconds, base of absolute expiries. */
  constructor(
    seed: number,
    private readonly startSec: number,
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
    return this.pick(['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8']);
  }
  /** Half the time a key only its own family writes (fewer WRONGTYPEs, bigger values). */
  famKey(fam: 'h' | 's'): string {
    return this.chance(0.5) ? this.pick([`${fam}1`, `${fam}2`]) : this.key();
  }
  /** ASCII only: byte ranges (GETRANGE, SETRANGE, LCS) must not cut a character. */
  str(): string {
    return this.pick([
      'a',
      'abc',
      'hello world',
      '',
      'ohmytext',
      'mynewtext',
      '0',
      '1',
      '-1',
      '42',
      '10000',
      '9999',
      '007',
      '1.5',
      '-0',
      '9223372036854775807',
      '9223372036854775808',
      ' 3',
      'x'.repeat(44),
      'y'.repeat(45),
      '12345678901234567890',
      '-12345678901234567890',
    ]);
  }
  member(): string {
    return this.pick(['a', 'b', 'c', '1', '2', '10', '-3', 'x y', '', '5', '007']);
  }
  field(): string {
    return this.pick(['f1', 'f2', 'f3', 'n', 'é', 'x y']);
  }
  hvalue(): string {
    return this.pick(['1', '2', '-5', '1.5', 'abc', 'é', '', '10', '3.0e3', '0x10', ' 1']);
  }
  integer(): string {
    return this.pick([
      '0',
      '1',
      '-1',
      '2',
      '3',
      '5',
      '-3',
      '100',
      '-100',
      'x',
      '',
      '1.5',
      '9223372036854775807',
      '-9223372036854775808',
      '9223372036854775808',
      '4611686018427387904',
    ]);
  }
  float(): string {
    return this.pick([
      '1',
      '0.1',
      '-0.1',
      '1.5',
      '1e3',
      '3.0e3',
      '10.5',
      '-5',
      '5.0e3',
      'inf',
      '-inf',
      'nan',
      'x',
      '',
      ' 1',
      '1 ',
      '0x10',
      '1e400',
      '1e-20',
      '1.23456789012345678901',
      '17179869184',
      '.5',
      '1.',
    ]);
  }
  ttlSec(): string {
    return this.pick(['100', '1000', '5000', '0', '-1', 'x', '9223372036854775807', '1.5']);
  }
  /** Milliseconds for PSETEX: at least 100 s when valid. */
  ttlMs(): string {
    const t = this.ttlSec();
    return /^[1-9][0-9]{0,3}$/.test(t) ? `${t}000` : t;
  }
  absSec(): string {
    return this.chance(0.15)
      ? this.pick(['0', '1', '-5', 'x'])
      : String(this.startSec + 1_000_000 + this.int(100_000));
  }
  expireOpts(): string[] {
    const out: string[] = [];
    const n = this.int(3);
    for (let i = 0; i < n; i++) {
      const o = this.pick(['EX', 'PX', 'EXAT', 'PXAT', 'PERSIST', 'ex', 'bogus']);
      out.push(o);
      const u = o.toUpperCase();
      if (u === 'EX') out.push(this.ttlSec());
      if (u === 'PX') out.push(String(Number(this.pick(['100', '1000', '5000'])) * 1000));
      if (u === 'EXAT') out.push(this.absSec());
      if (u === 'PXAT') out.push(this.chance(0.2) ? '1' : String(Number(this.absSec()) * 1000));
    }
    return out;
  }
  maybeArity(argv: string[]): string[] {
    if (this.chance(0.03) && argv.length > 1) return argv.slice(0, -1);
    if (this.chance(0.02)) return [...argv, 'extra'];
    return argv;
  }

  /** Commands that build state of every type, so WRONGTYPE paths come up. */
  private setup(k: string): string[] {
    switch (this.int(6)) {
      case 0:
        return ['SET', k, this.str()];
      case 1:
        return ['RPUSH', k, ...Array.from({ length: 1 + this.int(3) }, () => this.sortable())];
      case 2:
        return ['SADD', k, ...Array.from({ length: 1 + this.int(3) }, () => this.sortable())];
      case 3:
        return ['ZADD', k, this.pick(['1', '2', '0']), this.member()];
      case 4:
        return ['HSET', k, this.field(), this.hvalue(), this.field(), this.hvalue()];
      default:
        return ['DEL', k];
    }
  }
  /** Elements SORT can mostly read as numbers. */
  sortable(): string {
    return this.chance(0.8)
      ? this.pick(['1', '2', '10', '-3', '1.5', '3', '007', '1e3', ' 5', 'inf', '-inf', '0'])
      : this.member();
  }

  /** One command; `inMulti` leaves out replies whose timing differs inside EXEC. */
  command(inMulti = false): string[] {
    const k = this.key();
    const r = this.int(120);
    let argv: string[];
    if (r < 10) argv = this.setup(k);
    else if (r < 12) argv = ['APPEND', this.famKey('s'), this.str()];
    else if (r < 14) argv = ['GETDEL', this.famKey('s')];
    else if (r < 17) argv = ['GETEX', this.famKey('s'), ...this.expireOpts()];
    else if (r < 20)
      argv = [this.pick(['GETRANGE', 'SUBSTR']), this.famKey('s'), this.integer(), this.integer()];
    else if (r < 22) argv = ['GETSET', this.famKey('s'), this.str()];
    else if (r < 26) argv = ['INCRBYFLOAT', this.famKey('s'), this.float()];
    else if (r < 28) {
      argv = ['LCS', this.famKey('s'), this.famKey('s')];
      const n = this.int(4);
      for (let i = 0; i < n; i++) {
        const o = this.pick(['LEN', 'IDX', 'MINMATCHLEN', 'WITHMATCHLEN', 'idx', 'bogus']);
        argv.push(o);
        if (o === 'MINMATCHLEN') argv.push(this.pick(['0', '1', '2', '4', '-1', 'x']));
      }
    } else if (r < 30) {
      argv = [this.pick(['MSET', 'MSETNX']), k, this.str()];
      const n = this.int(3);
      for (let i = 0; i < n; i++) argv.push(this.key(), this.str());
      if (this.chance(0.1)) argv.push(this.key());
    } else if (r < 32) {
      const ms = this.chance(0.5);
      // Never a TTL that could run out mid-test: the two clocks would race.
      argv = [
        ms ? 'PSETEX' : 'SETEX',
        this.famKey('s'),
        ms ? this.ttlMs() : this.ttlSec(),
        this.str(),
      ];
    } else if (r < 33) argv = ['SETNX', this.famKey('s'), this.str()];
    else if (r < 36)
      argv = [
        'SETRANGE',
        this.famKey('s'),
        this.pick(['0', '1', '3', '10', '-1', 'x', '536870912', '9223372036854775807']),
        this.pick(['', 'X', 'abc', 'hello']),
      ];
    else if (r < 37) argv = ['STRLEN', this.famKey('s')];
    else if (r < 40) {
      argv = ['COPY', k, this.key()];
      if (this.chance(0.4)) argv.push(this.pick(['REPLACE', 'replace']));
      if (this.chance(0.2)) argv.push('DB', this.pick(['0', '0', '-1', '16', 'x', '99999999999']));
      if (this.chance(0.05)) argv.push('bogus');
    } else if (r < 42)
      argv = [
        this.pick(['EXPIREAT', 'PEXPIREAT']),
        k,
        this.absSec(),
        ...(this.chance(0.2) ? [this.pick(['NX', 'XX', 'GT', 'LT'])] : []),
      ];
    else if (r < 44 && !inMulti) argv = [this.pick(['EXPIRETIME', 'PEXPIRETIME']), k];
    else if (r < 48) {
      const sub = this.pick([
        'ENCODING',
        'ENCODING',
        'REFCOUNT',
        'FREQ',
        'HELP',
        'encoding',
        'nope',
      ]);
      argv = sub === 'HELP' ? ['OBJECT', sub] : ['OBJECT', sub, k];
    } else if (r < 49) argv = ['RANDOMKEY'];
    else if (r < 52) argv = [this.pick(['RENAME', 'RENAMENX']), k, this.key()];
    else if (r < 57) {
      argv = [this.pick(['SORT', 'SORT', 'SORT_RO']), k];
      const n = this.int(4);
      for (let i = 0; i < n; i++) {
        const o = this.pick(['ASC', 'DESC', 'ALPHA', 'alpha', 'LIMIT', 'LIMIT', 'bogus']);
        argv.push(o);
        if (o === 'LIMIT') argv.push(this.integer(), this.integer());
      }
    } else if (r < 58) argv = ['TOUCH', k, this.key()];
    else if (r < 60) argv = ['UNLINK', k, ...(this.chance(0.5) ? [this.key()] : [])];
    else if (r < 62) argv = ['HEXISTS', this.famKey('h'), this.field()];
    else if (r < 66) argv = ['HINCRBYFLOAT', this.famKey('h'), this.field(), this.float()];
    else if (r < 67) argv = [this.pick(['HKEYS', 'HVALS']), this.famKey('h')];
    else if (r < 68) argv = ['HLEN', this.famKey('h')];
    else if (r < 70) argv = ['HMGET', this.famKey('h'), this.field(), this.field()];
    else if (r < 73) {
      argv = ['HMSET', this.famKey('h')];
      const n = 1 + this.int(2);
      for (let i = 0; i < n; i++) argv.push(this.field(), this.hvalue());
      if (this.chance(0.1)) argv.push('dangling');
    } else if (r < 75) {
      argv = ['HRANDFIELD', this.famKey('h')];
      // Never a huge negative count alone: redis-server would stream that many picks.
      if (this.chance(0.1)) {
        argv.push(this.pick(['-9223372036854775808', '4611686018427387904']), 'WITHVALUES');
      } else {
        if (this.chance(0.8))
          argv.push(
            this.pick(['0', '1', '2', '3', '10', '-1', '-3', '-10', 'x', '9223372036854775807']),
          );
        if (this.chance(0.4)) argv.push(this.pick(['WITHVALUES', 'withvalues', 'bogus']));
      }
    } else if (r < 78) argv = ['HSETNX', this.famKey('h'), this.field(), this.hvalue()];
    else if (r < 80) argv = ['HSTRLEN', this.famKey('h'), this.field()];
    else if (r < 82) argv = ['HGETALL', this.famKey('h')];
    else if (r < 84) {
      const sub = this.pick([
        'CHANNELS',
        'NUMSUB',
        'NUMPAT',
        'SHARDCHANNELS',
        'SHARDNUMSUB',
        'HELP',
        'bad',
      ]);
      argv = ['PUBSUB', sub];
      if (sub === 'CHANNELS' || sub === 'SHARDCHANNELS') {
        if (this.chance(0.5)) argv.push(this.pick(['*', 'a*', 'x']));
      } else if (sub.endsWith('NUMSUB')) argv.push('a', 'b');
      if (this.chance(0.1)) argv.push('x', 'y');
    } else if (r < 86) argv = ['WATCH', k, ...(this.chance(0.5) ? [this.key()] : [])];
    else if (r < 87) argv = ['UNWATCH'];
    else if (r < 89) argv = ['TYPE', k];
    else if (r < 91) argv = ['GET', k];
    else if (r < 93) argv = ['HGET', this.famKey('h'), this.field()];
    else if (r < 95) argv = ['EXISTS', k];
    else if (r < 96 && !inMulti) argv = [this.pick(['OBJECT']), 'IDLETIME', k];
    else if (r < 97) argv = ['EXPIRE', k, this.ttlSec()];
    else if (r < 98) argv = ['PERSIST', k];
    else argv = this.setup(k);
    return this.maybeArity(argv);
  }
}
