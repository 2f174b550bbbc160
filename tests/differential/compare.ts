import { parseResp, type RespValue } from './redisServer';

/** Replies whose element order is a hash-table accident in redis-server. */
const UNORDERED = new Set(['SMEMBERS', 'SINTER', 'KEYS']);
export const TTL_TOLERANCE: Record<string, number> = { TTL: 1, PTTL: 50 };

function canonical(v: RespValue, pairs: boolean): string {
  if (!Array.isArray(v)) return JSON.stringify(v);
  if (pairs) {
    const ps: string[] = [];
    for (let i = 0; i < v.length; i += 2) ps.push(JSON.stringify([v[i], v[i + 1]]));
    return JSON.stringify(ps.sort());
  }
  return JSON.stringify(v.map((x) => JSON.stringify(x)).sort());
}

/**
 * Whether the store's RESP matches redis-server's for this command: byte for
 * byte, except as unordered sets for set-like replies and within a few ms for
 * TTLs (the two clocks are read a moment apart).
 */
export function sameReply(argv: string[], expected: string, actual: string): boolean {
  if (expected === actual) return true;
  const name = argv[0].toUpperCase();
  if (UNORDERED.has(name) || name === 'HGETALL') {
    return (
      canonical(parseResp(expected), name === 'HGETALL') ===
      canonical(parseResp(actual), name === 'HGETALL')
    );
  }
  const tol = TTL_TOLERANCE[name];
  if (tol !== undefined) {
    const a = parseResp(expected);
    const b = parseResp(actual);
    if (a && b && typeof a === 'object' && typeof b === 'object' && 'int' in a && 'int' in b) {
      return Math.abs(Number(BigInt(a.int) - BigInt(b.int))) <= tol;
    }
  }
  return false;
}
