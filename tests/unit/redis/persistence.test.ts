// SAVE, BGSAVE and BGREWRITEAOF while a BGSAVE child runs or inside EXEC.
// Oracle: redis-server 7.0.15 (BGSAVE inside MULTI/EXEC answers "Background
// saving scheduled", checked live) and its source: rdb.c saveCommand and
// bgsaveCommand ("Background save already in progress" while an RDB child
// runs; server.in_exec schedules), aof.c bgrewriteaofCommand (with a child
// active the rewrite is "scheduled"); config.c updateAppendonly: turning
// appendonly on (only from off) starts the AOF with a rewrite of the current data.
import { encodeCommand } from '../../../src/sim/redis';
import { harness } from './helpers';

it('BGSAVE inside EXEC is scheduled, outside it is started', () => {
  const { r } = harness();
  r('MULTI');
  r('BGSAVE');
  expect(r('EXEC')).toBe('*1\r\n+Background saving scheduled\r\n');
  const other = harness();
  expect(other.r('BGSAVE')).toBe('+Background saving started\r\n');
});

it('SAVE and BGSAVE SCHEDULE refuse while a BGSAVE runs; BGREWRITEAOF is scheduled', () => {
  expect(harness().r('BGREWRITEAOF')).toBe('+Background append only file rewriting started\r\n');
  const { r, store } = harness();
  expect(r('BGSAVE SCHEDULE')).toBe('+Background saving started\r\n');
  expect(r('SAVE')).toBe('-ERR Background save already in progress\r\n');
  expect(r('BGSAVE SCHEDULE')).toBe('-ERR Background save already in progress\r\n');
  expect(r('BGREWRITEAOF')).toBe('+Background append only file rewriting scheduled\r\n');
  store.finishBgsave(true, 1_000_000);
  expect(r('SAVE')).toBe('+OK\r\n');
});

it('CONFIG SET appendonly yes rewrites the AOF from the data only when it was off', () => {
  const { r, store } = harness();
  r('INCR n');
  expect(store.exportAof()).toContain(encodeCommand(['INCR', 'n']));
  // Other settings, or appendonly staying off, start no rewrite.
  expect(r(['CONFIG', 'SET', 'appendfsync', 'always', 'save', '3600 1'])).toBe('+OK\r\n');
  expect(r('CONFIG SET appendonly no')).toBe('+OK\r\n');
  expect(store.exportAof()).toContain(encodeCommand(['INCR', 'n']));
  expect(r('CONFIG SET appendonly yes')).toBe('+OK\r\n');
  expect(store.exportAof()).not.toContain(encodeCommand(['INCR', 'n']));
  expect(store.exportAof()).toContain(encodeCommand(['SET', 'n', '1']));
  r('INCR c');
  expect(r('CONFIG SET appendonly YES')).toBe('+OK\r\n');
  expect(r('CONFIG SET appendfsync always')).toBe('+OK\r\n');
  expect(store.exportAof()).toContain(encodeCommand(['INCR', 'c']));
  expect(r('CONFIG SET appendonly no')).toBe('+OK\r\n');
  expect(store.exportAof()).toContain(encodeCommand(['INCR', 'c']));
});
