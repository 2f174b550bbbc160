import { RedisDisk, respCommand, utf8Length } from '../../../src/sim/nodes/redisDisk';

describe('RedisDisk: the page cache, the fsynced prefix, and what a crash keeps', () => {
  // FACTS: the AOF is RESP, `*<argc>` then `$<len>` (in bytes) and the argument.
  it('writes a command as RESP and counts its UTF-8 bytes', () => {
    expect(respCommand(['SET', 'k', 'é'])).toEqual({
      text: '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\né\r\n',
      bytes: 4 + 4 + 5 + 4 + 3 + 4 + 4, // é is 2 bytes
    });
    // 1, 2, 3 and 4 bytes (a surrogate pair is one 4-byte code point).
    expect(['a', 'é', '€', '😀', 'a😀é'].map(utf8Length)).toEqual([1, 2, 3, 4, 7]);
  });

  function disk(): RedisDisk {
    const d = new RedisDisk();
    d.append([respCommand(['SET', 'a', '1']), respCommand(['SET', 'b', '2'])]);
    d.fsync();
    d.append([respCommand(['SET', 'c', '3'])]);
    return d;
  }

  it('fsync makes everything written so far durable, not what is written after', () => {
    const d = disk();
    const one = respCommand(['SET', 'a', '1']).bytes;
    expect(d.syncedBytes).toBe(2 * one);
    expect(d.writtenBytes).toBe(3 * one);
    expect(d.text()).toBe(
      ['a', 'b', 'c'].map((k, i) => respCommand(['SET', k, String(i + 1)]).text).join(''),
    );
  });

  it('a process kill keeps every written byte (the OS still has the page cache)', () => {
    const d = disk();
    const written = d.writtenBytes;
    d.truncateTo('process-kill');
    expect([d.aof.length, d.writtenBytes, d.syncedBytes]).toEqual([3, written, written]);
  });

  it('a power loss keeps the fsynced prefix only', () => {
    const d = disk();
    const synced = d.syncedBytes;
    d.truncateTo('power-loss');
    expect([d.aof.length, d.writtenBytes, d.syncedBytes]).toEqual([2, synced, synced]);
    expect(d.text()).not.toContain('$1\r\nc\r\n');
  });

  // aof-load-truncated yes: a command cut at the end of the file is dropped whole.
  it('a command only partly on the platter is dropped whole', () => {
    const d = disk();
    d.syncedBytes += 5;
    d.truncateTo('power-loss');
    expect(d.aof.length).toBe(2);
    expect(d.writtenBytes).toBe(d.syncedBytes);
    expect(d.writtenBytes).toBe(2 * respCommand(['SET', 'a', '1']).bytes);
  });
});
