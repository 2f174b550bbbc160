import { encodeResp, formatDouble, formatReply, type Reply } from '../../../src/sim/redis';

const b = (value: string | null): Reply => ({ type: 'bulk', value });

describe('formatReply (redis-cli on a TTY)', () => {
  it('prints "bar", (nil), (integer) 5, (error) ..., OK', () => {
    expect(formatReply(b('bar'))).toBe('"bar"');
    expect(formatReply(b(null))).toBe('(nil)');
    expect(formatReply({ type: 'integer', value: '5' })).toBe('(integer) 5');
    expect(formatReply({ type: 'error', value: 'ERR syntax error' })).toBe(
      '(error) ERR syntax error',
    );
    expect(formatReply({ type: 'simple', value: 'OK' })).toBe('OK');
    expect(formatReply({ type: 'array', value: [] })).toBe('(empty array)');
    expect(formatReply({ type: 'array', value: null })).toBe('(nil)');
  });

  it('numbers arrays and indents nested ones', () => {
    const nested: Reply = {
      type: 'array',
      value: [
        { type: 'array', value: [b('a'), b('b')] },
        { type: 'integer', value: '1' },
      ],
    };
    expect(formatReply(nested)).toBe('1) 1) "a"\n   2) "b"\n2) (integer) 1');
    const ten: Reply = { type: 'array', value: Array.from({ length: 10 }, (_, i) => b(String(i))) };
    expect(formatReply(ten).split('\n')[0]).toBe(' 1) "0"');
  });

  it('escapes like sdscatrepr', () => {
    expect(formatReply(b('a"b\n\u00e9'))).toBe('"a\\"b\\n\\xc3\\xa9"');
  });
});

describe('encodeResp and doubles', () => {
  it('counts bulk lengths in UTF-8 bytes', () => {
    expect(encodeResp(b('é'))).toBe('$2\r\né\r\n');
  });

  it('formats 0.1 as 0.10000000000000001 and 1e20 as 1e+20', () => {
    expect(formatDouble(0.1)).toBe('0.10000000000000001');
    expect(formatDouble(1e20)).toBe('1e+20');
    expect(formatDouble(1)).toBe('1');
    expect(formatDouble(-Infinity)).toBe('-inf');
    expect(formatDouble(1e-5)).toBe('1.0000000000000001e-05');
    expect(formatDouble(123456.5)).toBe('123456.5');
  });
});
