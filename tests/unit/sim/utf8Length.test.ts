import { utf8Length } from '../../../src/sim/nodes/redisDisk';

// Oracle: UTF-8 (RFC 3629) as Node's Buffer.byteLength counts it: U+0000-U+007F
// take 1 byte, U+0080-U+07FF 2, U+0800-U+FFFF 3 (a lone surrogate is written as
// U+FFFD, also 3), and a code point above U+FFFF (a surrogate pair) 4.
describe('utf8Length at each boundary of the encoding', () => {
  it.each([
    ['\u007f', 1],
    ['\u0080', 2],
    ['\u07ff', 2],
    ['\u0800', 3],
    ['\ud7ff', 3],
    ['\ud800\udc00', 4],
    ['\udbff\udfff', 4],
    ['\udc00', 3],
    ['\ue000', 3],
    ['\uffff', 3],
    ['a\udbff\udfffb', 6],
  ])('%j is %i bytes', (s, n) => {
    expect(utf8Length(s)).toBe(n);
    expect(Buffer.byteLength(s, 'utf8')).toBe(n);
  });
});
