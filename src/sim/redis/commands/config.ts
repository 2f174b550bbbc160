import type { CommandSpec } from '../command';
import type { Engine } from '../engine';
import { globMatch } from '../glob';
import { INT64_MAX } from '../int64';
import { bulk, error, OK, SYNTAX, type Reply } from '../reply';

/** The persistence settings the simulation models, with 7.0's defaults. */
export const defaultConfig: Readonly<Record<string, string>> = {
  appendfsync: 'everysec',
  appendonly: 'no',
  save: '3600 1 300 100 60 10000',
};

/**
 * Validates and normalizes a value like 7.0's CONFIG SET; returns the stored
 * text or an error message.
 */
export function normalizeConfig(
  name: string,
  value: string,
): { value: string } | { error: string } {
  switch (name) {
    case 'appendonly': {
      const v = value.toLowerCase();
      return v === 'yes' || v === 'no' ? { value: v } : { error: "argument must be 'yes' or 'no'" };
    }
    case 'appendfsync': {
      const v = value.toLowerCase();
      return ['everysec', 'always', 'no'].includes(v)
        ? { value: v }
        : { error: 'argument(s) must be one of the following: everysec, always, no' };
    }
    case 'save': {
      if (value === '') return { value: '' };
      // sdssplitlen on single spaces: doubled spaces give empty tokens, read as 0.
      const parts = value.split(' ');
      if (parts.length % 2 !== 0) return { error: 'Invalid save parameters' };
      const nums: bigint[] = [];
      for (let i = 0; i < parts.length; i++) {
        if (!/^(?:[ \t\n\v\f\r]*[+-]?[0-9]+)?$/.test(parts[i])) {
          return { error: 'Invalid save parameters' };
        }
        // strtoll ("" is 0) saturates at LLONG_MAX (below LLONG_MIN is refused
        // anyway); the change count is then stored in an int.
        let n = BigInt(parts[i]);
        if (n > INT64_MAX) n = INT64_MAX;
        const seconds = i % 2 === 0;
        if (seconds ? n < 1n : n < 0n) return { error: 'Invalid save parameters' };
        nums.push(seconds ? n : BigInt.asIntN(32, n));
      }
      return { value: nums.join(' ') };
    }
    default:
      return { error: 'unknown' };
  }
}

function configGet(e: Engine, a: string[]): Reply {
  const found = new Map<string, string>();
  for (let i = 2; i < a.length; i++) {
    const p = a[i];
    if (!/[[*?]/.test(p)) {
      const name = p.toLowerCase();
      const known = Object.keys(e.config).some((k) => k === name);
      // An exact name echoes the caller's spelling, as 7.0 does.
      if (known && ![...found.keys()].some((k) => k.toLowerCase() === name)) {
        found.set(p, e.config[name]);
      }
      continue;
    }
    for (const name of Object.keys(e.config)) {
      if (![...found.keys()].some((k) => k.toLowerCase() === name) && globMatch(p, name, true)) {
        found.set(name, e.config[name]);
      }
    }
  }
  const out: Reply[] = [];
  for (const [k, v] of found) out.push(bulk(k), bulk(v));
  return { type: 'array', value: out };
}

function configSet(e: Engine, a: string[]): Reply {
  // Names and values come in pairs.
  if (a.length % 2 !== 0) return SYNTAX;
  // configSetCommand checks the names first, up to the first unknown or
  // duplicate one, then the values, naming the canonical option.
  const updates: [string, string][] = [];
  for (let i = 2; i < a.length; i += 2) {
    const name = a[i].toLowerCase();
    if (!(name in e.config)) {
      return error(`ERR Unknown option or number of arguments for CONFIG SET - '${a[i]}'`);
    }
    if (updates.some(([n]) => n === name)) {
      return error(
        `ERR CONFIG SET failed (possibly related to argument '${a[i]}') - duplicate parameter`,
      );
    }
    updates.push([name, a[i + 1]]);
  }
  for (const u of updates) {
    const r = normalizeConfig(u[0], u[1]);
    if ('error' in r) {
      return error(`ERR CONFIG SET failed (possibly related to argument '${u[0]}') - ${r.error}`);
    }
    u[1] = r.value;
  }
  for (const [name, value] of updates) {
    if (name === 'appendonly' && value === 'yes' && e.config.appendonly === 'no') {
      // Turning the AOF on starts it with a rewrite of the current data.
      e.rewriteAof();
    }
    e.config[name] = value;
  }
  return OK;
}

export const configCommand: CommandSpec = {
  arity: -2,
  run: () => error('ERR unknown subcommand'),
  subcommands: {
    get: { arity: -3, run: configGet },
    set: { arity: -4, run: configSet },
  },
};
