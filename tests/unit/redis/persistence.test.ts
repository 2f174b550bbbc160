// SAVE, BGSAVE and BGREWRITEAOF while a BGSAVE child runs or inside EXEC.
// Oracle: redis-server 7.0.15 (BGSAVE inside MULTI/EXEC answers "Background
// saving scheduled", checked live) and its source: rdb.c saveCommand and
// bgsaveCommand ("Background save already in progress" while an RDB child
// runs; server.in_exec schedules), aof.c bgrewriteaofCommand (with a child
// active the rewrite is "scheduled").
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
