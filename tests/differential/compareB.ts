// Comparison rules for the second command batch: byte for byte, except set
// replies in hash order (unordered) and replies drawn at random (structural:
// shape, count, membership in the key as it was, distinctness).
import { sameReply } from './compare';
import { parseResp, type RespValue } from './redisServer';

const UNORDERED = new Set(['SMEMBERS', 'SINTER', 'SUNION', 'SDIFF']);

function sorted(v: RespValue): string {
  return Array.isArray(v)
    ? JSON.stringify(v.map((x) => JSON.stringify(x)).sort())
    : JSON.stringify(v);
}

/** What the key held before a random command: members and (for sorted sets) scores. */
export type Before = Map<string, string | null>;

/** The key's members (and scores) on a redis-server, for checking random picks. */
export async function readBefore(
  send: (argv: string[]) => Promise<string>,
  key: string,
): Promise<Before> {
  const out: Before = new Map();
  const type = parseResp(await send(['TYPE', key]));
  if (type === 'set') {
    for (const m of parseResp(await send(['SMEMBERS', key])) as string[]) out.set(m, null);
  } else if (type === 'zset') {
    const v = parseResp(await send(['ZRANGE', key, '0', '-1', 'WITHSCORES'])) as string[];
    for (let i = 0; i < v.length; i += 2) out.set(v[i], v[i + 1]);
  }
  return out;
}

/**
 * What a random pop left in the key on a redis-server (the members the other
 * side adopts), or null when the key is not a set (the pop was an error).
 */
export async function readLeft(
  send: (argv: string[]) => Promise<string>,
  key: string,
): Promise<string[] | null> {
  const type = parseResp(await send(['TYPE', key]));
  if (type !== 'set' && type !== 'none') return null;
  return [...(await readBefore(send, key)).keys()];
}

function isError(v: RespValue): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && 'error' in v;
}

/** A random pick is valid: every element was in the key, distinct when the count asked so. */
function validPicks(argv: string[], v: RespValue, before: Before): boolean {
  const name = argv[0].toUpperCase();
  if (v === null) return before.size === 0;
  if (typeof v === 'string') return before.has(v);
  if (!Array.isArray(v)) return false;
  const withScores = name === 'ZRANDMEMBER' && argv.length === 4;
  const step = withScores ? 2 : 1;
  const members: string[] = [];
  for (let i = 0; i < v.length; i += step) {
    const m = v[i];
    if (typeof m !== 'string' || !before.has(m)) return false;
    if (withScores && v[i + 1] !== before.get(m)) return false;
    members.push(m);
  }
  const count = argv.length >= 3 ? Number(argv[2]) : 1;
  if (count > 0 && new Set(members).size !== members.length) return false;
  const expected = count < 0 ? -count : Math.min(count, before.size);
  return members.length === expected;
}

/**
 * Whether the store's reply is acceptable for this command. `before` is the
 * key's content on redis-server just before a random command.
 */
export function sameReplyB(
  argv: string[],
  expected: string,
  actual: string,
  before?: Before,
): boolean {
  if (expected === actual) return true;
  const name = argv[0].toUpperCase();
  const a = parseResp(expected);
  const b = parseResp(actual);
  if (isError(a) || isError(b)) return false;
  if (UNORDERED.has(name)) return sorted(a) === sorted(b);
  if (before && (name === 'SPOP' || name === 'SRANDMEMBER' || name === 'ZRANDMEMBER')) {
    if (name === 'SPOP' && argv.length === 3 && Array.isArray(a) && Array.isArray(b)) {
      // SPOP with a count: as many distinct members as redis-server popped.
      return (
        a.length === b.length &&
        new Set(b.map(String)).size === b.length &&
        b.every((m) => typeof m === 'string' && before.has(m))
      );
    }
    return validPicks(argv, a, before) && validPicks(argv, b, before);
  }
  if (name === 'SSCAN' && Array.isArray(a) && Array.isArray(b) && before) {
    const [ca, ea] = a;
    const [cb, eb] = b;
    if (!Array.isArray(ea) || !Array.isArray(eb)) return false;
    // A whole scan in one call (cursor 0 in, 0 out) must return the same members.
    if (argv[2] === '0' && ca === '0' && cb === '0') return sorted(ea) === sorted(eb);
    return eb.every((m) => typeof m === 'string' && before.has(m));
  }
  return sameReply(argv, expected, actual);
}
