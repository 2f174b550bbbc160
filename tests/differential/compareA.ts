// Reply comparison for commandsA.test.ts: byte for byte, except where Redis
// itself is random (RANDOMKEY, HRANDFIELD: checked against the dataset),
// unordered (HKEYS...), or read off a clock (EXPIRETIME, IDLETIME).
import type { KeyView } from '../../src/sim/redis';
import { sameReply } from './compare';
import { parseResp, type RespValue } from './redisServer';

const UNORDERED = new Set(['HKEYS', 'HVALS', 'PUBSUB']);
export const TOLERANCE: Record<string, number> = { EXPIRETIME: 1, PEXPIRETIME: 50, OBJECT: 1 };

function sortedJson(v: RespValue): string {
  return Array.isArray(v)
    ? JSON.stringify(v.map((x) => JSON.stringify(x)).sort())
    : JSON.stringify(v);
}

function isInt(v: RespValue): v is { int: string } {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && 'int' in v;
}

/**
 * RANDOMKEY / HRANDFIELD: same shape as the server's reply, and every element
 * the store picked is really in its dataset (distinct when the count is positive).
 */
function sameRandom(
  argv: string[],
  real: RespValue,
  mine: RespValue,
  view: (key: string) => KeyView | null,
  keys: () => string[],
): boolean {
  const name = argv[0].toUpperCase();
  if (real === null || mine === null || !Array.isArray(real) || !Array.isArray(mine)) {
    if (typeof real === 'string' && typeof mine === 'string') {
      if (name === 'RANDOMKEY') return keys().includes(mine);
      const h = view(argv[1]);
      return h !== null && h.type === 'hash' && mine in (h.value as Record<string, string>);
    }
    return JSON.stringify(real) === JSON.stringify(mine);
  }
  if (real.length !== mine.length) return false;
  const h = view(argv[1]);
  if (!h || h.type !== 'hash') return mine.length === 0;
  const hash = h.value as Record<string, string>;
  const withValues = argv.length === 4;
  const fields: string[] = [];
  for (let i = 0; i < mine.length; i += withValues ? 2 : 1) {
    const f = mine[i];
    if (typeof f !== 'string' || !(f in hash)) return false;
    if (withValues && mine[i + 1] !== hash[f]) return false;
    fields.push(f);
  }
  const positive = !argv[2].startsWith('-');
  return !positive || new Set(fields).size === fields.length;
}

/** Whether the store's reply is acceptable for this command. */
export function sameReplyA(
  argv: string[],
  expected: string,
  actual: string,
  view: (key: string) => KeyView | null,
  keys: () => string[],
): boolean {
  if (expected === actual) return true;
  const name = argv[0].toUpperCase();
  if (name === 'RANDOMKEY' || name === 'HRANDFIELD') {
    return sameRandom(argv, parseResp(expected), parseResp(actual), view, keys);
  }
  if (name === 'SCAN' || name === 'HSCAN') {
    // One call of an opaque cursor walk: the shape must agree; when both
    // walks started at 0 and ended in this call, so must the elements (full
    // iterations are compared as sets by the test itself).
    const a = parseResp(expected);
    const b = parseResp(actual);
    if (!Array.isArray(a) || !Array.isArray(b)) return false;
    const from = argv[name === 'SCAN' ? 1 : 2];
    if (from === '0' && a[0] === '0' && b[0] === '0') return sortedJson(a[1]) === sortedJson(b[1]);
    return Array.isArray(a[1]) && Array.isArray(b[1]);
  }
  if (UNORDERED.has(name)) return sortedJson(parseResp(expected)) === sortedJson(parseResp(actual));
  const tol = TOLERANCE[name];
  if (tol !== undefined) {
    const a = parseResp(expected);
    const b = parseResp(actual);
    if (isInt(a) && isInt(b)) return Math.abs(Number(BigInt(a.int) - BigInt(b.int))) <= tol;
  }
  return sameReply(argv, expected, actual);
}
