import { encodeCommand, encodeResp, parseCommands } from '../../../src/sim/redis';
import { byteLength } from '../../../src/sim/redis/resp';

// Oracle: the RESP2 spec (redis.io/docs/reference/protocol-spec: `$<bytes>`,
// `*<count>`, `$-1`, `*-1`, `+`, `-`, `:`) and, for byte lengths, the bytes a
// socket carries: UTF-8 as Node's Buffer.byteLength / TextEncoder write it, a
// lone surrogate as U+FFFD (3 bytes, WHATWG Encoding). The AOF parser follows
// the same framing (aof.c loadAppendOnlyFile: `*<argc>`, `$<len>`).
const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

describe('byteLength counts what a socket carries', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['\u007f', 1],
    ['\u0080', 2],
    ['\u07ff', 2],
    ['\u0800', 3],
    ['\uffff', 3],
    ['h\u00e9llo \u2603', 10],
    ['\u{1f600}', 4],
    ['a\u{1f600}b', 6],
    ['\ud83d', 3],
    ['\ude00', 3],
    ['x\ud83d', 4],
    ['\ud83da', 4],
    ['\ud83d\u00e9', 5],
    ['\ud83d\ud83d', 6],
    ['\ude00\ud83d', 6],
    ['\ud83d\ud83d\ude00', 7],
  ])('%j is %i bytes', (s, n) => {
    expect(utf8(s)).toBe(n);
    expect(byteLength(s)).toBe(n);
    expect(encodeResp({ type: 'bulk', value: s })).toBe(`$${n}\r\n${s}\r\n`);
  });
});

describe('encodeResp', () => {
  it('writes each RESP2 type', () => {
    expect(encodeResp({ type: 'simple', value: 'OK' })).toBe('+OK\r\n');
    expect(encodeResp({ type: 'error', value: 'ERR x' })).toBe('-ERR x\r\n');
    expect(encodeResp({ type: 'integer', value: '-3' })).toBe(':-3\r\n');
    expect(encodeResp({ type: 'bulk', value: null })).toBe('$-1\r\n');
    expect(encodeResp({ type: 'bulk', value: '' })).toBe('$0\r\n\r\n');
    expect(encodeResp({ type: 'array', value: null })).toBe('*-1\r\n');
    expect(encodeResp({ type: 'array', value: [] })).toBe('*0\r\n');
    expect(
      encodeResp({
        type: 'array',
        value: [
          { type: 'integer', value: '1' },
          { type: 'array', value: [{ type: 'bulk', value: 'é' }] },
        ],
      }),
    ).toBe('*2\r\n:1\r\n*1\r\n$2\r\né\r\n');
    expect(
      encodeResp({
        type: 'multi',
        replies: [
          { type: 'simple', value: 'A' },
          { type: 'simple', value: 'B' },
        ],
      }),
    ).toBe('+A\r\n+B\r\n');
    expect(encodeResp({ type: 'multi', replies: [] })).toBe('');
    expect(encodeResp({ type: 'blocked' })).toBe('');
  });
});

describe('encodeCommand and parseCommands', () => {
  const cmds = [['SET', 'k', 'v'], ['SET', 'é', '\u{1f600}', ''], ['PING']];

  it('frames a command as an array of bulk strings', () => {
    expect(encodeCommand(['SET', 'é', ''])).toBe('*3\r\n$3\r\nSET\r\n$2\r\né\r\n$0\r\n\r\n');
  });

  it('reads back what it writes, on the ASCII and the byte paths', () => {
    const ascii = encodeCommand(['SET', 'k', 'a\r\nb']) + encodeCommand(['DEL', 'k']);
    expect(parseCommands(ascii)).toEqual({
      commands: [
        ['SET', 'k', 'a\r\nb'],
        ['DEL', 'k'],
      ],
      truncated: false,
    });
    const text = cmds.map(encodeCommand).join('');
    expect(parseCommands(text)).toEqual({ commands: cmds, truncated: false });
    expect(parseCommands('')).toEqual({ commands: [], truncated: false });
  });

  it.each([
    ['ASCII', ['SET', 'k', 'value']],
    ['UTF-8', ['SET', 'k', 'vé\u00e9']],
  ])('reports a command cut short anywhere as truncated (%s)', (_, argv) => {
    const whole = encodeCommand(['PING']) + encodeCommand(argv);
    const first = encodeCommand(['PING']).length;
    for (let cut = first + 1; cut < whole.length; cut++) {
      const r = parseCommands(whole.slice(0, cut));
      expect(r, `cut at ${cut}`).toEqual({ commands: [['PING']], truncated: true });
    }
    expect(parseCommands(whole).truncated).toBe(false);
  });

  it.each([
    ['ASCII', ''],
    ['UTF-8', 'é'],
  ])('throws on a malformed file (%s)', (_, extra) => {
    const ok = encodeCommand(['SET', 'k', extra || 'v']);
    expect(() => parseCommands(`${ok}$3\r\nabc\r\n`)).toThrow(/Bad file format/);
    expect(() => parseCommands(`${ok}*0\r\n`)).toThrow(/Bad argc/);
    expect(() => parseCommands(`${ok}*x\r\n`)).toThrow(/Bad argc/);
    expect(() => parseCommands(`${ok}*1\r\n:3\r\n`)).toThrow(/Bad bulk header/);
  });
});
