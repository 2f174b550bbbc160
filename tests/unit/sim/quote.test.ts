import { quote, say } from '../../../src/sim/quote';

describe('say and quote', () => {
  it('inline plain strings and quotes in order, recording only the quotes', () => {
    const q1 = quote(3, { packet: 7, delivered: true });
    const q2 = quote('OK', { metric: 'hits' });
    const s = say`LPUSH ${'mylist'} replied ${q1}, then ${q2}.`;
    expect(s.text).toBe('LPUSH mylist replied 3, then OK.');
    expect(s.quotes).toEqual([
      { text: '3', src: { packet: 7, delivered: true } },
      { text: 'OK', src: { metric: 'hits' } },
    ]);
  });

  it('a text without parts is itself, with no quotes', () => {
    expect(say`plain`).toEqual({ text: 'plain', quotes: [] });
    expect(say`${quote(0, { param: 'n' })}`).toEqual({
      text: '0',
      quotes: [{ text: '0', src: { param: 'n' } }],
    });
  });
});
