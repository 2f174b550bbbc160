import { MS, redisWorld, SEC } from './redisNodeHarness';

// Oracle: redis-server 7.0.15, appendonly no, then kill -9 and a restart
// (checked by hand; flushAllDataAndResetRDB in db.c). FLUSHALL kills a BGSAVE
// child (killRDBChild): its snapshot is never renamed over dump.rdb. With
// save points configured FLUSHALL also writes an empty dump.rdb at once (with
// save "" it leaves dump.rdb as it was).
//   save "":        SET a 1, SAVE, SET a 2, BGSAVE (slow child), FLUSHALL,
//                   kill -9, restart -> GET a = "1"
//   save "3600 1":  SET a 3, SAVE, FLUSHALL, kill -9, restart -> DBSIZE 0

describe('FLUSHALL and the RDB file', () => {
  it('kills a running BGSAVE child: the file keeps the previous snapshot', () => {
    const h = redisWorld(
      { appendonly: 'no', save: '' },
      { disk: { rdbWriteBaseNs: 100 * MS, rdbWriteNsPerKey: 0 } },
    );
    h.cmd(0, ['SET', 'a', '1']);
    h.cmd(1 * MS, ['SAVE']);
    h.cmd(2 * MS, ['SET', 'a', '2']);
    h.cmd(3 * MS, ['BGSAVE']);
    h.cmd(10 * MS, ['FLUSHALL']);
    h.at(500 * MS, () => h.redis.crash('process-kill'));
    h.at(600 * MS, () => h.redis.restart());
    h.w.engine.run(2 * SEC);
    expect(h.value('a')).toBe('1');
    expect(h.events.map((x) => x.e.kind)).toEqual(['forked', 'loading']);
    expect(h.lastData('#rdb')).toMatchObject({ keys: 1, childWriting: false });
  });

  it('with save points, writes an empty snapshot at once', () => {
    const h = redisWorld({ appendonly: 'no', save: '3600 1' });
    h.cmd(0, ['SET', 'a', '3']);
    h.cmd(1 * MS, ['SAVE']);
    h.cmd(2 * MS, ['flushall']);
    h.at(10 * MS, () => h.redis.crash('power-loss'));
    h.at(20 * MS, () => h.redis.restart());
    h.w.engine.run(2 * SEC);
    expect(h.redis.store.dbsize).toBe(0);
    expect(h.redis.disk.rdb?.keys).toBe(0);
  });

  it('with save "", leaves the file as it was', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.cmd(0, ['SET', 'a', '3']);
    h.cmd(1 * MS, ['SAVE']);
    h.cmd(2 * MS, ['FLUSHALL']);
    h.at(10 * MS, () => h.redis.crash('power-loss'));
    h.at(20 * MS, () => h.redis.restart());
    h.w.engine.run(2 * SEC);
    expect(h.value('a')).toBe('3');
  });

  it('a FLUSHALL in the same pipeline as the BGSAVE: that snapshot never lands, a later one holds the new data', () => {
    const h = redisWorld({ appendonly: 'no', save: '' });
    h.pipe(0, [['SET', 'a', '2'], ['BGSAVE'], ['FLUSHALL']]);
    h.cmd(10 * MS, ['SET', 'b', '1']);
    h.cmd(20 * MS, ['BGSAVE']);
    h.at(500 * MS, () => h.redis.crash('process-kill'));
    h.at(600 * MS, () => h.redis.restart());
    h.w.engine.run(2 * SEC);
    expect(h.replyTo('BGSAVE')?.reply).toEqual({
      type: 'simple',
      value: 'Background saving started',
    });
    expect(h.redis.store.keys()).toEqual(['b']);
    expect(h.count('rdb-saved')).toBe(1);
  });

  it('a save point after that FLUSHALL snapshots the data as it is then, not as of the dead BGSAVE', () => {
    const h = redisWorld({ appendonly: 'no', save: '1 1' });
    h.pipe(0, [['SET', 'a', '2'], ['BGSAVE'], ['FLUSHALL']]);
    h.w.engine.run(3 * SEC);
    expect(h.events.map((x) => x.e.kind)).toEqual(['bgsave', 'forked', 'rdb-saved']);
    expect(h.redis.disk.rdb?.keys).toBe(0);
  });
});
