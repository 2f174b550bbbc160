import { harness } from './helpers';

// Each expected reply was read from redis-server 7.0.15 (redis-cli) for the same command.
const SYNTAX = '-ERR syntax error\r\n';
const NOT_INT = '-ERR value is not an integer or out of range\r\n';

describe('SCAN-family options (scanGenericCommand)', () => {
  it.each([
    ['SCAN 0 COUNT 0', SYNTAX],
    ['SCAN 0 COUNT -1', SYNTAX],
    ['SCAN 0 COUNT x', NOT_INT],
    ['SCAN 0 MATCH', SYNTAX],
    ['SCAN 0 TYPE', SYNTAX],
    ['SCAN 0 FOO 1', SYNTAX],
    ['SCAN abc', '-ERR invalid cursor\r\n'],
    ['SCAN +', '-ERR invalid cursor\r\n'],
    ['SCAN 18446744073709551616', '-ERR invalid cursor\r\n'],
    ['SCAN -1', '*2\r\n$1\r\n0\r\n*0\r\n'],
    ['SCAN 0 count 99999999999', '*2\r\n$1\r\n0\r\n*0\r\n'],
    // A missing key answers the empty scan before its options are read.
    ['HSCAN nokey 0 TYPE string', '*2\r\n$1\r\n0\r\n*0\r\n'],
  ])('%s on an empty keyspace', (line, want) => {
    expect(harness().r(line)).toBe(want);
  });

  it('HSCAN takes no TYPE and checks COUNT; MATCH filters a small hash returned whole', () => {
    const { r } = harness();
    r('HSET h f v xa 1');
    expect(r('HSCAN h 0 TYPE string')).toBe(SYNTAX);
    expect(r('HSCAN h 0 COUNT 0')).toBe(SYNTAX);
    expect(r('HSCAN h 0 MATCH x*')).toBe('*2\r\n$1\r\n0\r\n*2\r\n$2\r\nxa\r\n$1\r\n1\r\n');
    expect(r('HSCAN h 0 MATCH *')).toBe(
      '*2\r\n$1\r\n0\r\n*4\r\n$1\r\nf\r\n$1\r\nv\r\n$2\r\nxa\r\n$1\r\n1\r\n',
    );
  });
});
