// Seeded commands for the list, set and sorted-set families (the second
// command batch): every option, wrong types, wrong arities, bad numbers,
// floats, timeouts and lex ranges, over the same small key pool as Gen.
import { Gen } from './generator';

/** Commands whose effect is random: the harness copies redis-server's result over. */
export const RANDOM_EFFECT = new Set(['SPOP']);
/** Replies that depend on the random source or hash order: compared structurally. */
export const RANDOM_REPLY = new Set(['SPOP', 'SRANDMEMBER', 'ZRANDMEMBER', 'SSCAN']);
/** Blocking commands: outside MULTI they get short timeouts only, so a block ends quickly. */
export const BLOCKING = new Set([
  'BLPOP',
  'BRPOP',
  'BLMOVE',
  'BRPOPLPUSH',
  'BLMPOP',
  'BZPOPMIN',
  'BZPOPMAX',
  'BZMPOP',
]);

export class GenB extends Gen {
  keys(min: number, max: number): string[] {
    return Array.from({ length: min + this.int(max - min + 1) }, () => this.key());
  }
  members(min: number, max: number): string[] {
    return Array.from({ length: min + this.int(max - min + 1) }, () => this.member());
  }
  side(): string {
    return this.chance(0.95) ? this.pick(['LEFT', 'RIGHT', 'left', 'Right']) : 'middle';
  }
  count(): string {
    return this.pick(['1', '2', '3', '5', '0', '-1', 'x', '100', '-5', '1.5']);
  }
  /** Timeouts: short real waits outside MULTI; anything (even forever) inside. */
  timeout(inMulti: boolean): string {
    const bad = [
      'x',
      '-1',
      '',
      ' 1',
      '1 ',
      'inf',
      '-inf',
      '1e400',
      'nan',
      '-0.5',
      '1e17',
      '1e4933',
    ];
    if (this.chance(0.25)) return this.pick(bad);
    if (inMulti) return this.pick(['0', '1', '0.5', '10', '0.01']);
    return this.pick(['0.01', '0.02', '0.001', '1e-400']);
  }
  lex(): string {
    return this.pick([
      '-',
      '+',
      '[a',
      '(a',
      '[c',
      '(c',
      '[e',
      '[1',
      '(10',
      '[',
      '(',
      'a',
      '[x y',
      '[é',
    ]);
  }
  score(): string {
    return this.chance(0.75) ? this.pick(['1', '2', '0', '-1', '3', '0.5', '10']) : this.float();
  }
  weight(): string {
    return this.chance(0.8) ? this.pick(['1', '2', '0', '-1', '0.5', '3']) : this.float();
  }
  numkeys(keys: string[]): string {
    if (this.chance(0.9)) return String(keys.length);
    return this.pick(['0', '-1', 'x', String(keys.length + 1), String(keys.length + 5)]);
  }

  listCommand(k: string, inMulti: boolean): string[] {
    const r = this.int(24);
    if (r < 5)
      return [
        this.pick(['LPUSH', 'RPUSH', 'LPUSHX', 'RPUSHX', 'lpushx']),
        k,
        ...this.members(1, 3),
      ];
    if (r < 6) return ['LINDEX', k, this.index()];
    if (r < 7)
      return [
        'LINSERT',
        k,
        this.pick(['BEFORE', 'AFTER', 'after', 'x']),
        this.member(),
        this.member(),
      ];
    if (r < 8) return ['LMOVE', k, this.key(), this.side(), this.side()];
    if (r < 9) return ['RPOPLPUSH', k, this.key()];
    if (r < 10) {
      const keys = this.keys(1, 3);
      const argv = ['LMPOP', this.numkeys(keys), ...keys, this.side()];
      if (this.chance(0.4)) argv.push(this.pick(['COUNT', 'count']), this.count());
      if (this.chance(0.05)) argv.push('COUNT', '1');
      return argv;
    }
    if (r < 12) {
      const argv = ['LPOS', k, this.member()];
      for (let i = this.int(4); i > 0; i--) {
        const o = this.pick(['RANK', 'COUNT', 'MAXLEN', 'rank', 'bogus']);
        argv.push(o);
        if (o.toUpperCase() === 'RANK')
          argv.push(this.pick(['1', '2', '-1', '-2', '0', 'x', '-9223372036854775808', '5']));
        else if (o.toUpperCase() !== 'BOGUS')
          argv.push(this.pick(['0', '1', '2', '-1', 'x', '3', '10']));
      }
      return argv;
    }
    if (r < 13) return ['LREM', k, this.pick(['0', '1', '-1', '2', '-2', 'x']), this.member()];
    if (r < 14) return ['LSET', k, this.index(), this.member()];
    if (r < 16) return ['LRANGE', k, '0', '-1'];
    if (r < 17) return ['LLEN', k];
    // Blocking commands (non-blocking when a key has data or inside MULTI).
    const t = this.timeout(inMulti);
    const b = this.int(5);
    if (b === 0) return [this.pick(['BLPOP', 'BRPOP']), ...this.keys(1, 3), t];
    if (b === 1) return ['BLMOVE', k, this.key(), this.side(), this.side(), t];
    if (b === 2) return ['BRPOPLPUSH', k, this.key(), t];
    const keys = this.keys(1, 3);
    const argv = ['BLMPOP', t, this.numkeys(keys), ...keys, this.side()];
    if (this.chance(0.4)) argv.push('COUNT', this.count());
    return argv;
  }

  setFamily(k: string): string[] {
    const r = this.int(20);
    if (r < 5) return ['SADD', k, ...this.members(1, 4)];
    if (r < 6) return [this.pick(['SDIFF', 'SUNION', 'SINTER']), ...this.keys(1, 3)];
    if (r < 8)
      return [this.pick(['SDIFFSTORE', 'SUNIONSTORE', 'SINTERSTORE']), k, ...this.keys(1, 3)];
    if (r < 9) {
      const keys = this.keys(1, 3);
      const argv = ['SINTERCARD', this.numkeys(keys), ...keys];
      if (this.chance(0.4)) argv.push('LIMIT', this.pick(['0', '1', '2', '-1', 'x']));
      return argv;
    }
    if (r < 10) return ['SMISMEMBER', k, ...this.members(1, 3)];
    if (r < 12) return ['SMOVE', k, this.key(), this.member()];
    if (r < 14) return this.chance(0.5) ? ['SPOP', k] : ['SPOP', k, this.count()];
    if (r < 15)
      return this.chance(0.3)
        ? ['SRANDMEMBER', k]
        : [
            'SRANDMEMBER',
            k,
            this.pick(['1', '2', '5', '20', '-1', '-5', '0', 'x', '-9223372036854775808']),
          ];
    if (r < 16) {
      const argv = ['SSCAN', k, this.pick(['0', '0', '0', 'x', '-1', ' 0', ''])];
      if (this.chance(0.4)) argv.push('MATCH', this.pick(['*', '1*', '[a-c]', '?']));
      if (this.chance(0.3)) argv.push('COUNT', this.pick(['100', '0', 'x', '-1']));
      if (this.chance(0.05)) argv.push('TYPE', 'set');
      return argv;
    }
    if (r < 18) return ['SMEMBERS', k];
    if (r < 19) return ['SCARD', k];
    return ['SREM', k, ...this.members(1, 2)];
  }

  zsetCommand(k: string, inMulti: boolean): string[] {
    const r = this.int(40);
    if (r < 7) {
      const argv = ['ZADD', k];
      for (let i = 1 + this.int(3); i > 0; i--) argv.push(this.score(), this.member());
      return argv;
    }
    if (r < 8) return ['ZCOUNT', k, this.bound(), this.bound()];
    if (r < 9) return ['ZLEXCOUNT', k, this.lex(), this.lex()];
    if (r < 13) return this.algebra(k);
    if (r < 14) {
      const keys = this.keys(1, 3);
      const argv = ['ZMPOP', this.numkeys(keys), ...keys, this.pick(['MIN', 'MAX', 'min', 'mid'])];
      if (this.chance(0.4)) argv.push('COUNT', this.count());
      return argv;
    }
    if (r < 15) return ['ZMSCORE', k, ...this.members(1, 3)];
    if (r < 16) {
      const argv = [this.pick(['ZPOPMIN', 'ZPOPMAX']), k];
      if (this.chance(0.5)) argv.push(this.count());
      if (this.chance(0.03)) argv.push('1');
      return argv;
    }
    if (r < 17) {
      const argv = ['ZRANDMEMBER', k];
      if (this.chance(0.7))
        argv.push(
          this.pick([
            '1',
            '2',
            '5',
            '20',
            '-1',
            '-5',
            '0',
            'x',
            '-9223372036854775808',
            '9223372036854775807',
          ]),
        );
      if (argv.length === 3 && this.chance(0.4))
        argv.push(this.pick(['WITHSCORES', 'withscores', 'bogus']));
      if (argv[3] && argv[2] === '9223372036854775807') argv[2] = '5';
      return argv;
    }
    if (r < 22) return this.range(k);
    if (r < 23) return ['ZREM', k, ...this.members(1, 3)];
    if (r < 24) return ['ZREMRANGEBYRANK', k, this.index(), this.index()];
    if (r < 25) return ['ZREMRANGEBYLEX', k, this.lex(), this.lex()];
    if (r < 26) return ['ZREMRANGEBYSCORE', k, this.bound(), this.bound()];
    if (r < 27) return [this.pick(['ZREVRANK', 'ZRANK']), k, this.member()];
    if (r < 28) {
      const argv = ['ZSCAN', k, this.pick(['0', '0', 'x', '-1', '18446744073709551616', ''])];
      if (this.chance(0.4)) argv.push('MATCH', this.pick(['*', '1*', '[a-c]', '?', 'x*']));
      if (this.chance(0.3)) argv.push('COUNT', this.pick(['100', '0', 'x', '1']));
      return argv;
    }
    if (r < 30) return ['ZRANGE', k, '0', '-1', 'WITHSCORES'];
    if (r < 31) return ['ZCARD', k];
    const t = this.timeout(inMulti);
    const b = this.int(3);
    if (b < 2) return [b ? 'BZPOPMIN' : 'BZPOPMAX', ...this.keys(1, 3), t];
    const keys = this.keys(1, 3);
    const argv = ['BZMPOP', t, this.numkeys(keys), ...keys, this.pick(['MIN', 'MAX', 'max'])];
    if (this.chance(0.4)) argv.push('COUNT', this.count());
    return argv;
  }

  /** ZUNION/ZINTER/ZDIFF (+STORE) and ZINTERCARD with WEIGHTS, AGGREGATE, WITHSCORES, LIMIT. */
  algebra(k: string): string[] {
    const name = this.pick([
      'ZUNION',
      'ZINTER',
      'ZDIFF',
      'ZUNIONSTORE',
      'ZINTERSTORE',
      'ZDIFFSTORE',
      'ZINTERCARD',
    ]);
    const keys = this.keys(1, 3);
    const argv = [name, ...(name.endsWith('STORE') ? [k] : []), this.numkeys(keys), ...keys];
    if (this.chance(0.3)) argv.push('WEIGHTS', ...keys.map(() => this.weight()));
    if (this.chance(0.3)) argv.push('AGGREGATE', this.pick(['SUM', 'MIN', 'MAX', 'max', 'avg']));
    if (this.chance(0.3)) argv.push('WITHSCORES');
    if (this.chance(0.2)) argv.push('LIMIT', this.pick(['0', '1', '2', '-1', 'x']));
    if (this.chance(0.03)) argv.push('bogus');
    return argv;
  }

  /** Every range form: ZRANGE (BYSCORE|BYLEX, REV, LIMIT), ZRANGEBY*, ZREVRANGEBY*, ZRANGESTORE. */
  range(k: string): string[] {
    const name = this.pick([
      'ZRANGE',
      'ZRANGESTORE',
      'ZRANGEBYSCORE',
      'ZREVRANGEBYSCORE',
      'ZRANGEBYLEX',
      'ZREVRANGEBYLEX',
      'ZREVRANGE',
    ]);
    const argv = [
      name,
      ...(name === 'ZRANGESTORE' ? [k] : []),
      name === 'ZRANGESTORE' ? this.key() : k,
    ];
    const mode = name.includes('SCORE')
      ? 'score'
      : name.includes('LEX')
        ? 'lex'
        : name === 'ZREVRANGE'
          ? 'rank'
          : this.pick(['rank', 'score', 'lex']);
    if (mode === 'score') argv.push(this.bound(), this.bound());
    else if (mode === 'lex') argv.push(this.lex(), this.lex());
    else argv.push(this.index(), this.index());
    if (name === 'ZRANGE' || name === 'ZRANGESTORE') {
      if (mode === 'score') argv.push(this.pick(['BYSCORE', 'byscore']));
      if (mode === 'lex') argv.push('BYLEX');
      if (this.chance(0.3)) argv.push('REV');
    }
    if (this.chance(name === 'ZRANGESTORE' ? 0.05 : 0.3)) argv.push('WITHSCORES');
    if (this.chance(0.3))
      argv.push(
        'LIMIT',
        this.pick(['0', '1', '-1', '5', 'x']),
        this.pick(['1', '2', '-1', '0', '10']),
      );
    if (this.chance(0.03)) argv.push(this.pick(['bogus', 'REV', 'BYSCORE']));
    return argv;
  }

  /** One command of the batch; `inMulti` keeps blocking timeouts unrestricted. */
  commandB(inMulti = false): string[] {
    const k = this.key();
    const r = this.int(100);
    let argv: string[];
    if (r < 33) argv = this.listCommand(k, inMulti);
    else if (r < 58) argv = this.setFamily(k);
    else if (r < 96) argv = this.zsetCommand(k, inMulti);
    else if (r < 97) argv = ['DEL', k];
    else if (r < 98) argv = ['SET', k, this.value()];
    else argv = ['TYPE', k];
    return this.maybeArity(argv);
  }
}
