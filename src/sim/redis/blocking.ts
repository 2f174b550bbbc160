// Blocking list and sorted-set pops (blocked.c in 7.0): a waiting client is
// served when a key it waits on gets data, in the order clients blocked on
// that key, or answered with a null array at its deadline.
import type { Engine } from './engine';
import { strtod } from './double';
import { array, bulk, error, WRONGTYPE, type Reply } from './reply';
import { formatDouble } from './double';

/** What a blocked client waits for and how it will be served. */
export interface BlockSpec {
  keys: string[];
  /** Absolute deadline in ms, 0 for "forever". */
  deadlineMs: number;
  /** The command that blocked, lower case: decides reply shape and propagation. */
  cmd: 'blpop' | 'brpop' | 'blmove' | 'brpoplpush' | 'blmpop' | 'bzpopmin' | 'bzpopmax' | 'bzmpop';
  /** Which end to pop: true for the head (LEFT, MIN). */
  head: boolean;
  /** BLMOVE's destination and its end. */
  target?: string;
  toHead?: boolean;
  /** BLMPOP/BZMPOP's COUNT; -1 for single-element pops. */
  count: number;
}

/** The list commands that wait on lists; the rest wait on sorted sets. */
const LIST_CMDS = new Set(['blpop', 'brpop', 'blmove', 'brpoplpush', 'blmpop']);

const NOT_FLOAT = 'ERR timeout is not a float or out of range';

/**
 * getTimeoutFromObjectOrReply(UNIT_SECONDS): a long double number of
 * seconds, ceil'd to ms. Returns the relative timeout in ms (0 = forever)
 * or an error reply. long double's range is wider than a double's, so
 * literals that overflow or underflow a double are still numbers here.
 */
export function parseTimeout(t: string): number | Reply {
  if (t.length === 0 || t.length >= 5 * 1024 || /^[ \t\n\v\f\r]/.test(t)) return error(NOT_FLOAT);
  const r = strtod(t);
  if (r.end !== t.length || Number.isNaN(r.value)) return error(NOT_FLOAT);
  let ms: number;
  if (r.erange) {
    // Decimal exponent of the literal, to tell long double's range apart.
    const m = /^[+-]?0*(\d*)\.?(\d*)[eE]([+-]?\d+)$/.exec(t);
    const exp = m ? Number(m[3]) + (m[1].length > 0 ? m[1].length - 1 : -1) : 0;
    if (!Number.isFinite(r.value) || r.value !== 0) {
      if (exp > 4932) return error(NOT_FLOAT);
      return error('ERR timeout is negative'); // (long long) of a huge value is LLONG_MIN
    }
    if (exp < -4951) return error(NOT_FLOAT);
    ms = t.trimStart()[0] === '-' ? 0 : 1; // ceil of a tiny positive is 1 ms
  } else {
    const v = Math.ceil(r.value * 1000);
    // Beyond the long long range the C cast gives LLONG_MIN: negative.
    if (!Number.isFinite(v) || Math.abs(v) >= 9223372036854775808) {
      return error('ERR timeout is negative');
    }
    ms = v === 0 ? 0 : v; // ceil(-0.x) is -0: "forever", not negative
  }
  if (ms < 0) return error('ERR timeout is negative');
  return ms;
}

/** Registers a blocked client on each of its keys (duplicates once, as the dict does). */
export function blockClient(e: Engine, client: string, spec: BlockSpec): void {
  const keys = [...new Set(spec.keys)];
  e.clientState(client).blocked = { ...spec, keys };
  for (const k of keys) {
    const list = e.blockedOn.get(k);
    if (list) list.push(client);
    else e.blockedOn.set(k, [client]);
  }
}

/** handleClientsBlockedOnKeys: serves ready keys, each served client its own unit. */
export function serveBlockedClients(e: Engine): void {
  while (e.readyKeys.size > 0) {
    const keys = [...e.readyKeys];
    e.readyKeys.clear();
    for (const key of keys) {
      const entry = e.lookup(key);
      if (!entry || (entry.type !== 'list' && entry.type !== 'zset')) {
        e.flushUnit();
        continue;
      }
      const waiters = (e.blockedOn.get(key) ?? []).slice();
      for (const client of waiters) {
        const b = e.clients.get(client)?.blocked;
        if (!b) continue;
        const isList = LIST_CMDS.has(b.cmd);
        if (isList !== (entry.type === 'list')) continue;
        const saved = e.client;
        e.client = client;
        const reply = isList ? serveList(e, key, b) : serveZset(e, key, b);
        e.client = saved;
        e.unblock(client);
        e.pushes.push({ client, reply, command: b.cmd.toUpperCase() });
        e.flushUnit();
        if (!e.data.has(key)) break;
      }
    }
  }
}

function serveList(e: Engine, key: string, b: BlockSpec): Reply {
  const entry = e.data.get(key)!;
  if (entry.type !== 'list') throw new Error('unreachable');
  const list = entry.value;
  const take = (): string => (b.head ? list.shift()! : list.pop()!);
  let reply: Reply;
  if (b.target !== undefined) {
    const dst = e.lookup(b.target);
    if (dst && dst.type !== 'list') return WRONGTYPE;
    const value = take();
    pushTo(e, b.target, value, b.toHead!);
    const isRpl = b.cmd === 'brpoplpush';
    e.alsoPropagate(
      isRpl
        ? ['RPOPLPUSH', key, b.target]
        : ['LMOVE', key, b.target, b.head ? 'left' : 'right', b.toHead ? 'left' : 'right'],
    );
    e.dirty++;
    reply = bulk(value);
  } else if (b.cmd === 'blmpop') {
    const n = Math.min(b.count, list.length);
    e.alsoPropagate([b.head ? 'LPOP' : 'RPOP', key, String(n)]);
    const taken = b.head ? list.splice(0, n) : list.splice(list.length - n, n).reverse();
    e.dirty += n;
    reply = array([bulk(key), array(taken.map((v) => bulk(v)))]);
  } else {
    e.alsoPropagate([b.head ? 'LPOP' : 'RPOP', key]);
    reply = array([bulk(key), bulk(take())]);
    e.dirty++;
  }
  e.touch(key);
  e.deleteIfEmpty(key, entry);
  return reply;
}

/** lmoveHandlePush: creates the destination list if needed (which may wake others). */
export function pushTo(e: Engine, key: string, value: string, head: boolean): void {
  let dst = e.lookup(key);
  if (!dst) {
    dst = { type: 'list', value: [] };
    e.add(key, dst);
  }
  if (dst.type !== 'list') throw new Error('pushTo: not a list');
  if (head) dst.value.unshift(value);
  else dst.value.push(value);
  e.touch(key);
}

function serveZset(e: Engine, key: string, b: BlockSpec): Reply {
  const entry = e.data.get(key)!;
  if (entry.type !== 'zset') throw new Error('unreachable');
  const z = entry.value;
  const llen = z.size;
  const nested = b.cmd === 'bzmpop';
  const n = b.count === -1 ? 1 : Math.min(b.count, llen);
  const items: Reply[] = [];
  for (let i = 0; i < n; i++) {
    const idx = b.head ? 0 : z.size - 1;
    const member = z.members[idx];
    const score = z.values[idx];
    z.delete(member);
    e.dirty++;
    if (nested) items.push(array([bulk(member), bulk(formatDouble(score))]));
    else items.push(bulk(member), bulk(formatDouble(score)));
  }
  e.touch(key);
  e.deleteIfEmpty(key, entry);
  const argv = [b.head ? 'ZPOPMIN' : 'ZPOPMAX', key];
  if (b.count !== -1) argv.push(String(Math.min(b.count, llen)));
  e.alsoPropagate(argv);
  return nested ? array([bulk(key), array(items)]) : array([bulk(key), ...items]);
}
