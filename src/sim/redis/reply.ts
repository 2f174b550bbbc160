/**
 * A RESP2 reply as redis-server would send it. Integers are decimal strings so
 * the full signed 64-bit range survives JSON.
 */
export type Reply =
  | { type: 'simple'; value: string }
  | { type: 'error'; value: string }
  | { type: 'integer'; value: string }
  | { type: 'bulk'; value: string | null }
  | { type: 'array'; value: Reply[] | null }
  | { type: 'multi'; replies: Reply[] }
  | { type: 'blocked' };

/** `+OK`, shared because it is the commonest reply. */
export const OK: Reply = { type: 'simple', value: 'OK' };
export const NULL_BULK: Reply = { type: 'bulk', value: null };
export const NULL_ARRAY: Reply = { type: 'array', value: null };
export const ZERO: Reply = { type: 'integer', value: '0' };
export const ONE: Reply = { type: 'integer', value: '1' };
export const QUEUED: Reply = { type: 'simple', value: 'QUEUED' };

/** A simple-string reply (`+text`). */
export function simple(value: string): Reply {
  return { type: 'simple', value };
}

/** An error reply; `value` is the full text without the leading `-`. */
export function error(value: string): Reply {
  return { type: 'error', value };
}

/** An integer reply from a number or bigint. */
export function integer(value: number | bigint): Reply {
  return { type: 'integer', value: String(value) };
}

/** A bulk-string reply; null gives `$-1`. */
export function bulk(value: string | null): Reply {
  return { type: 'bulk', value };
}

/** An array of bulk strings. */
export function bulkArray(values: readonly string[]): Reply {
  return { type: 'array', value: values.map((v) => ({ type: 'bulk', value: v })) };
}

/** An array reply; null gives `*-1`. */
export function array(value: Reply[] | null): Reply {
  return { type: 'array', value };
}

export const ERR_WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';
export const ERR_SYNTAX = 'ERR syntax error';
export const ERR_NOT_INTEGER = 'ERR value is not an integer or out of range';
export const ERR_NOT_FLOAT = 'ERR value is not a valid float';
export const ERR_OVERFLOW = 'ERR increment or decrement would overflow';

export const WRONGTYPE: Reply = error(ERR_WRONGTYPE);
export const SYNTAX: Reply = error(ERR_SYNTAX);
export const NOT_INTEGER: Reply = error(ERR_NOT_INTEGER);
export const NOT_FLOAT: Reply = error(ERR_NOT_FLOAT);
