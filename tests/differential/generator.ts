// A seeded generator of Redis commands over a small key pool, so types
// collide and edge cases (overflow, bad floats, bad options) come up often.

/** mulberry32: a tiny deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Gen {
  private readonly rnd: () => number;
  private readonly unique: number[];
  private nextUnique = 0;

  /** `startSec`: test start in Unix seconds, base of absolute expiries. */
  constructor(
    seed: number,
    private readonly startSec: number,
  ) {
    this.rnd = prng(seed);
    // Distinct TTLs 100 s apart: neither side can tie on GT/LT by a stray ms.
    this.unique = Array.from({ length: 20000 }, (_, i) => i + 1);
    for (let i = this.unique.length - 1; i > 0; i--) {
      const j = Math.floor(this.rnd() * (i + 1));
      [this.unique[i], this.unique[j]] = [this.unique[j], this.unique[i]];
    }
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
  member(): string {
    return this.pick(['a', 'b', 'c', 'd', 'e', 'f', '1', '2', '10', '-3', 'x y', 'é', '']);
  }
  intValue(): string {
    return this.pick([
      '0',
      '1',
      '-1',
      '42',
      '100',
      '-7',
      '9223372036854775807',
      '-9223372036854775808',
      '9223372036854775806',
      '-9223372036854775807',
      '9223372036854775808',
      '-9223372036854775809',
      '007',
      '-0',
      '+5',
      ' 1',
      '1 ',
      '1.5',
      'abc',
      '',
      '12345678901234567890',
    ]);
  }
  value(): string {
    return this.chance(0.5) ? this.intValue() : this.member();
  }
  float(): string {
    return this.pick([
      '0',
      '1',
      '-1',
      '0.1',
      '1e20',
      '1e-5',
      '3.14159',
      'inf',
      '-inf',
      '+inf',
      'nan',
      '1e',
      ' 1',
      '1.',
      '.5',
      '-0',
      '1e400',
      '2.5e-3',
      '0x10',
      'abc',
      '',
      '9007199254740993',
      '123456789.123456789',
      '-2',
    ]);
  }
  bound(): string {
    const f = this.pick([
      '0',
      '1',
      '2',
      '-1',
      '0.1',
      '1e20',
      'inf',
      '-inf',
      '+inf',
      '',
      ' 1',
      'x',
      'nan',
      '3',
    ]);
    return this.chance(0.3) ? `(${f}` : f;
  }
  index(): string {
    return this.pick([
      '0',
      '1',
      '2',
      '-1',
      '-2',
      '-100',
      '100',
      '3',
      '-3',
      'x',
      '9223372036854775807',
      '-9223372036854775808',
    ]);
  }
  /** Seconds (or ms) for relative expiries; unique, 100 s apart, plus bad ones. */
  ttl(ms: boolean): string {
    if (this.chance(0.2)) {
      return this.pick([
        '0',
        '-1',
        '-100',
        'x',
        '1.5',
        '9223372036854775807',
        '9223372036854775',
        '-9223372036854775808',
      ]);
    }
    const u = this.unique[this.nextUnique++ % this.unique.length] * 100;
    return String(ms ? u * 1000 : u);
  }
  absTime(ms: boolean): string {
    const u = this.startSec + 1_000_000 + this.unique[this.nextUnique++ % this.unique.length] * 100;
    return String(ms ? u * 1000 : u);
  }
  expireFlags(): string[] {
    if (this.chance(0.5)) return [];
    const n = 1 + this.int(2);
    return Array.from({ length: n }, () =>
      this.pick(['NX', 'XX', 'GT', 'LT', 'nx', 'gt', 'bogus']),
    );
  }
  maybeArity<T extends string[]>(argv: T): string[] {
    // Now and then drop or add an argument to provoke arity errors.
    if (this.chance(0.03) && argv.length > 1) return argv.slice(0, -1);
    if (this.chance(0.02)) return [...argv, 'extra'];
    return argv;
  }

  setCommand(): string[] {
    const argv = ['SET', this.key(), this.value()];
    const opts = this.int(4);
    for (let i = 0; i < opts; i++) {
      const o = this.pick([
        'EX',
        'PX',
        'EXAT',
        'PXAT',
        'NX',
        'XX',
        'KEEPTTL',
        'GET',
        'ex',
        'get',
        'bogus',
      ]);
      argv.push(o);
      const u = o.toUpperCase();
      if (u === 'EX' || u === 'PX') argv.push(this.ttl(u === 'PX'));
      if (u === 'EXAT' || u === 'PXAT') {
        argv.push(this.chance(0.15) ? this.pick(['0', '-5', 'x']) : this.absTime(u === 'PXAT'));
      }
    }
    return argv;
  }

  /** One command; `inMulti` avoids replies whose order or timing differ. */
  command(inMulti = false): string[] {
    const k = this.key();
    const r = this.int(100);
    let argv: string[];
    if (r < 4) argv = ['GET', k];
    else if (r < 10) argv = this.setCommand();
    else if (r < 12) argv = ['DEL', k, ...(this.chance(0.5) ? [this.key()] : [])];
    else if (r < 13) argv = ['EXISTS', k, this.key(), k];
    else if (r < 14) argv = ['MGET', k, this.key(), this.key()];
    else if (r < 17) argv = [this.pick(['INCR', 'DECR', 'incr']), k];
    else if (r < 20) argv = [this.pick(['INCRBY', 'DECRBY']), k, this.intValue()];
    else if (r < 23) argv = [this.pick(['EXPIRE', 'PEXPIRE']), k];
    else if (r < 25) argv = [this.pick(['TTL', 'PTTL']), k];
    else if (r < 26) argv = ['PERSIST', k];
    else if (r < 28) argv = ['TYPE', k];
    else if (r < 29) argv = ['DBSIZE'];
    else if (r < 30)
      argv = [
        'KEYS',
        this.pick(['*', 'k[1-3]', 'k?', 'k*', '*1', 'k[^1]', 'x*', 'k\\1', 'k[3-1]']),
      ];
    else if (r < 34)
      argv = [
        this.pick(['LPUSH', 'RPUSH']),
        k,
        ...Array.from({ length: 1 + this.int(3) }, () => this.member()),
      ];
    else if (r < 37) {
      argv = [this.pick(['LPOP', 'RPOP']), k];
      if (this.chance(0.4)) argv.push(this.pick(['0', '1', '2', '5', '-1', 'x']));
    } else if (r < 40) argv = ['LRANGE', k, this.index(), this.index()];
    else if (r < 42) argv = ['LTRIM', k, this.index(), this.index()];
    else if (r < 43) argv = ['LLEN', k];
    else if (r < 46)
      argv = ['SADD', k, ...Array.from({ length: 1 + this.int(3) }, () => this.member())];
    else if (r < 48) argv = ['SREM', k, this.member(), this.member()];
    else if (r < 49) argv = ['SMEMBERS', k];
    else if (r < 50) argv = ['SINTER', k, ...(this.chance(0.7) ? [this.key()] : [])];
    else if (r < 51) argv = ['SCARD', k];
    else if (r < 52) argv = ['SISMEMBER', k, this.member()];
    else if (r < 58) {
      argv = ['ZADD', k];
      const nOpts = this.chance(0.5) ? this.int(3) : 0;
      for (let i = 0; i < nOpts; i++) argv.push(this.pick(['NX', 'XX', 'GT', 'LT', 'CH', 'INCR']));
      const pairs = this.chance(0.9) ? 1 + this.int(3) : 0;
      for (let i = 0; i < pairs; i++)
        argv.push(
          this.chance(0.7) ? this.pick(['1', '2', '0', '-1', '3', '0.5']) : this.float(),
          this.member(),
        );
      if (this.chance(0.05)) argv.push('dangling');
    } else if (r < 61)
      argv = [
        'ZINCRBY',
        k,
        this.chance(0.7) ? this.pick(['1', '2', '-1', '0.1']) : this.float(),
        this.member(),
      ];
    else if (r < 66) {
      argv = [this.pick(['ZRANGE', 'ZRANGE', 'ZREVRANGE']), k];
      const mode = this.int(6);
      if (argv[0] === 'ZRANGE' && mode === 4) argv.push(this.bound(), this.bound(), 'BYSCORE');
      else if (argv[0] === 'ZRANGE' && mode === 5)
        argv.push(
          this.pick(['-', '[a', '(b', '[c', '+', 'x']),
          this.pick(['+', '[d', '(c', '-', '[f']),
          'BYLEX',
        );
      else argv.push(this.index(), this.index());
      if (this.chance(0.3)) argv.push('REV');
      if (this.chance(0.4)) argv.push(this.pick(['WITHSCORES', 'withscores']));
      if (this.chance(0.15))
        argv.push('LIMIT', this.pick(['0', '1', '-1', '5']), this.pick(['1', '2', '-1', '0']));
      if (this.chance(0.03)) argv.push('bogus');
    } else if (r < 68) argv = ['ZSCORE', k, this.member()];
    else if (r < 70) argv = ['ZRANK', k, this.member()];
    else if (r < 71) argv = ['ZCARD', k];
    else if (r < 73) argv = ['ZREMRANGEBYSCORE', k, this.bound(), this.bound()];
    else if (r < 77) {
      argv = ['HSET', k];
      const n = 1 + this.int(2);
      for (let i = 0; i < n; i++) argv.push(this.pick(['f1', 'f2', 'f3', 'n']), this.value());
    } else if (r < 79) argv = ['HGET', k, this.pick(['f1', 'f2', 'f3', 'n'])];
    else if (r < 80) argv = ['HGETALL', k];
    else if (r < 84) argv = ['HINCRBY', k, this.pick(['f1', 'f2', 'n', 'n']), this.intValue()];
    else if (r < 86) argv = ['HDEL', k, this.pick(['f1', 'f2', 'f3', 'n']), this.pick(['f1', 'n'])];
    else if (r < 87) argv = ['PING', ...(this.chance(0.5) ? [this.member()] : [])];
    else if (r < 88) argv = [this.pick(['FOO', 'getx', 'hsetnx2']), k, this.member()];
    else if (r < 89 && !inMulti) argv = this.chance(0.1) ? ['FLUSHALL'] : ['TYPE', k];
    else argv = ['GET', k];
    if (argv[0] === 'EXPIRE' || argv[0] === 'PEXPIRE') {
      argv.push(this.ttl(argv[0] === 'PEXPIRE'), ...this.expireFlags());
    }
    return this.maybeArity(argv);
  }
}
