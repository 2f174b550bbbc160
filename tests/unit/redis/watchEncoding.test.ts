import { harness } from './helpers';

describe('the keyModified hook: WATCH and sticky encodings', () => {
  it('any write path (here RENAME, COPY, SETRANGE, HSETNX, lazy expiry) dirties a WATCH of another client', () => {
    const { r, at } = harness(0);
    const writes: string[][] = [
      ['RENAME', 'src', 'k'],
      ['COPY', 'src', 'k', 'REPLACE'],
      ['SETRANGE', 'k', '0', 'x'],
      ['HSETNX', 'k', 'f', 'v'],
    ];
    for (const w of writes) {
      r('FLUSHALL');
      r('SET src 1');
      if (w[0] !== 'HSETNX') r('SET k 1');
      r('WATCH k', 'A');
      r(w, 'B');
      r('MULTI', 'A');
      r('SET done 1', 'A');
      expect(r('EXEC', 'A'), w.join(' ')).toBe('*-1\r\n');
    }
    r('FLUSHALL');
    r('SET k 1 PX 100');
    r('WATCH k', 'A');
    at(200);
    r('GET k', 'B');
    r('MULTI', 'A');
    expect(r('EXEC', 'A')).toBe('*-1\r\n');
  });

  it('a disconnected client leaves no watch behind', () => {
    const { r, store } = harness();
    r('WATCH k', 'A');
    store.disconnect('A');
    r('SET k 1', 'B');
    r('MULTI', 'A');
    expect(r('EXEC', 'A')).toBe('*0\r\n');
  });

  it('a set converts to hashtable on a non-integer and stays converted', () => {
    const { r } = harness();
    r('SADD s 1 2');
    expect(r('OBJECT ENCODING s')).toBe('$6\r\nintset\r\n');
    r('SADD s a');
    r('SREM s a');
    expect(r('OBJECT ENCODING s')).toBe('$9\r\nhashtable\r\n');
  });

  it('OBJECT IDLETIME counts whole seconds since the last access, and OBJECT does not touch', () => {
    const { r, at } = harness(10_000);
    r('SET k v');
    at(12_500);
    expect(r('OBJECT IDLETIME k')).toBe(':2\r\n');
    expect(r('OBJECT IDLETIME k')).toBe(':2\r\n');
    r('GET k');
    expect(r('OBJECT IDLETIME k')).toBe(':0\r\n');
  });
});
