/**
 * The pure memcached 1.6 store: the text protocol byte for byte, checked
 * against real memcached by tests/differential/memcached.test.ts.
 */
export { createMemcachedStore } from './store';
export type { MemcachedStore, MemcachedItemView } from './store';
export type { MemcachedOptions } from './connection';
export { REALTIME_MAXDELTA } from './realtime';
