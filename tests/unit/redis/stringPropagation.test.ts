// What the string commands write to the AOF and replicas. Oracle: redis 7.0
// t_string.c, which rewrites the command before propagation: SET/SETEX/PSETEX
// with a relative TTL become SET key value PXAT <ms>; SET ... GET drops GET;
// GETSET becomes SET; GETDEL becomes DEL; GETEX with a TTL becomes PEXPIREAT,
// with a past EXAT/PXAT DEL (lazyfree-lazy-expire no), with PERSIST PERSIST
// (only when a TTL was removed); INCRBYFLOAT becomes SET key <result> KEEPTTL.
import { harness } from './helpers';

function propagated(lines: string[], nowMs = 5000): string[][] {
  const { r, store } = harness(nowMs);
  for (const l of lines) r(l);
  return store.takePropagated().filter((a) => a[0] !== 'SELECT');
}

it('SETEX and PSETEX propagate as SET key value PXAT <ms>', () => {
  expect(propagated(['SETEX k 10 v', 'PSETEX p 250 w'])).toEqual([
    ['SET', 'k', 'v', 'PXAT', '15000'],
    ['SET', 'p', 'w', 'PXAT', '5250'],
  ]);
});

it('SET ... GET propagates without GET; with a TTL as SET key value PXAT', () => {
  expect(propagated(['SET k v', 'SET k w GET', 'SET k x get XX', 'SET k y GET PX 100'])).toEqual([
    ['SET', 'k', 'v'],
    ['SET', 'k', 'w'],
    ['SET', 'k', 'x', 'XX'],
    ['SET', 'k', 'y', 'PXAT', '5100'],
  ]);
});

it('GETSET propagates as SET and GETDEL as DEL; a missing key propagates nothing', () => {
  expect(propagated(['GETSET k v', 'GETDEL k', 'GETDEL k'])).toEqual([
    ['SET', 'k', 'v'],
    ['DEL', 'k'],
  ]);
});

it('GETEX propagates PEXPIREAT, DEL for a past deadline, PERSIST only when a TTL went', () => {
  expect(
    propagated([
      'SET k v',
      'GETEX k',
      'GETEX k PERSIST',
      'GETEX k EX 10',
      'GETEX k PERSIST',
      'GETEX k EXAT 20',
      'GETEX k PXAT 4999',
      'GETEX k EX 10',
    ]),
  ).toEqual([
    ['SET', 'k', 'v'],
    ['PEXPIREAT', 'k', '15000'],
    ['PERSIST', 'k'],
    ['PEXPIREAT', 'k', '20000'],
    ['DEL', 'k'],
  ]);
});

it('INCRBYFLOAT propagates as SET key <result> KEEPTTL', () => {
  expect(propagated(['INCRBYFLOAT f 1.5', 'INCRBYFLOAT f 0x10'])).toEqual([
    ['SET', 'f', '1.5', 'KEEPTTL'],
    ['SET', 'f', '17.5', 'KEEPTTL'],
  ]);
});
