import { ACTIVE_EXPIRE_MAX_LOOPS } from '../../../src/sim/redis/engine';
import { harness } from './helpers';

// Oracle: Redis 7.0's activeExpireCycle (src/expire.c, tag 7.0.15): each loop
// samples min(dictSize(expires), ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP = 20) keys
// with a TTL, deletes those with now > when, and loops again
// `while (sampled == 0 || (expired*100/sampled) > config_cycle_acceptable_stale)`
// with acceptable stale 10 (active-expire-effort 1); the expires dict is walked
// by a cursor kept across cycles (db->expires_cursor). The model walks the keys
// in TTL-set order as its bucket order and bounds a cycle by
// ACTIVE_EXPIRE_MAX_LOOPS loops in place of the 25 ms time limit (engine.ts).
// Each deletion is propagated on its own as DEL (propagateDeletion).

/** 40 keys with a TTL at t=0: k0..k39; `expiredIdx` get PX 10, the rest PX 1000000. */
function keyspace(expiredIdx: (i: number) => boolean) {
  const h = harness(0);
  for (let i = 0; i < 40; i++) h.r(`SET k${i} v PX ${expiredIdx(i) ? 10 : 1_000_000}`);
  h.store.takePropagated();
  return h;
}

const names = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `k${from + i}`);

describe('the active expire cycle (20 keys a loop, again while over 10% were stale)', () => {
  it('stops after a loop with exactly 10% expired (2 of 20): the next 20 wait', () => {
    const { store } = keyspace((i) => i < 2 || i >= 20);
    expect(store.tick(100)).toEqual(['k0', 'k1']);
    expect(store.dbsize).toBe(38);
    expect(store.takePropagated()).toEqual([
      ['DEL', 'k0'],
      ['DEL', 'k1'],
    ]);
    // The cursor goes on where it stopped: the next cycle starts at k20.
    expect(store.tick(200)).toEqual(names(20, 40));
    expect(store.dbsize).toBe(18);
  });

  it('loops again after 15% (3 of 20), until a loop finds none', () => {
    const { store } = keyspace((i) => i < 3 || i >= 20);
    // Loop 1: k0..k19 (3 expired, 15%); loop 2: k20..k39 (100%); loop 3 samples
    // the 17 left (k3..k19), none expired: stop.
    expect(store.tick(100)).toEqual([...names(0, 3), ...names(20, 40)]);
    expect(store.dbsize).toBe(17);
    const props = store.takePropagated();
    expect(props.length).toBe(23);
    expect(props.every((p) => p.length === 2 && p[0] === 'DEL')).toBe(true);
  });

  it('keeps its place between cycles', () => {
    const { store } = keyspace((i) => i === 25);
    expect(store.tick(100)).toEqual([]);
    expect(store.tick(200)).toEqual(['k25']);
    expect(store.tick(300)).toEqual([]);
    expect(store.dbsize).toBe(39);
  });

  it('samples every key when fewer than 20 have a TTL', () => {
    const { r, store } = harness(0);
    for (let i = 0; i < 5; i++) r(`SET s${i} v PX 10`);
    r('SET keep v');
    expect(store.tick(11)).toEqual(['s0', 's1', 's2', 's3', 's4']);
    expect(store.keys()).toEqual(['keep']);
    expect(store.tick(12)).toEqual([]);
  });

  it(`deletes at most ${ACTIVE_EXPIRE_MAX_LOOPS} loops of 20 keys a cycle`, () => {
    const { r, store } = harness(0);
    for (let i = 0; i < 400; i++) r(`SET e${i} v PX 10`);
    expect(store.tick(100).length).toBe(ACTIVE_EXPIRE_MAX_LOOPS * 20);
    expect(store.dbsize).toBe(400 - ACTIVE_EXPIRE_MAX_LOOPS * 20);
    expect(store.tick(200).length).toBe(400 - ACTIVE_EXPIRE_MAX_LOOPS * 20);
    expect(store.dbsize).toBe(0);
    expect(store.tick(300)).toEqual([]);
  });

  it('starts over from the first key after FLUSHALL', () => {
    const { r, store } = keyspace(() => false);
    expect(store.tick(100)).toEqual([]);
    r('FLUSHALL');
    for (let i = 0; i < 25; i++) r(`SET f${i} v PX ${i === 3 ? 10 : 1_000_000}`);
    expect(store.tick(200)).toEqual(['f3']);
  });

  it('keys without a TTL are never sampled', () => {
    const { r, store } = harness(0);
    for (let i = 0; i < 30; i++) r(`SET p${i} v`);
    r('SET t v PX 10');
    expect(store.tick(100)).toEqual(['t']);
    expect(store.dbsize).toBe(30);
  });
});
