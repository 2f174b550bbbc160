import { parseCommands } from '../../../src/sim/redis';
import { harness } from './helpers';

// Oracle: Redis 7.0's multi-part AOF (aof.c): BGREWRITEAOF starts a new
// incremental file after a base that holds the dataset only, and the first
// command written after it selects the db again (aof_selected_db = -1); a
// FLUSHALL is logged as FLUSHALL. The model's rewrite is instant.
describe('BGREWRITEAOF and the AOF stream', () => {
  it('restarts the log from the dataset, then SELECT 0 before the next write', () => {
    const { r, store } = harness(1_000);
    r('SET a 1');
    r('SET gone x');
    r('DEL gone');
    expect(parseCommands(store.exportAof()).commands).toEqual([
      ['SELECT', '0'],
      ['SET', 'a', '1'],
      ['SET', 'gone', 'x'],
      ['DEL', 'gone'],
    ]);
    expect(r('BGREWRITEAOF')).toBe('+Background append only file rewriting started\r\n');
    const base = parseCommands(store.exportAof()).commands;
    expect(base.flat()).not.toContain('gone');
    expect(base.flat()).toContain('a');
    r('SET b 2');
    r('FLUSHALL');
    const after = parseCommands(store.exportAof()).commands.slice(base.length);
    expect(after).toEqual([['SELECT', '0'], ['SET', 'b', '2'], ['FLUSHALL']]);
  });

  it('FLUSHALL reports every key it dropped as changed, and a fresh cycle starts', () => {
    const { r, store } = harness(1_000);
    r('SET a 1');
    r('SET t v PX 10');
    store.takeChanges();
    r('FLUSHALL');
    expect(store.takeChanges().sort()).toEqual(['a', 't']);
    expect(store.tick(2_000)).toEqual([]);
    expect(store.dbsize).toBe(0);
  });
});
