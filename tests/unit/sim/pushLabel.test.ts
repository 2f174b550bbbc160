import type { Reply } from '../../../src/sim';
import { pushLabel, shortReply } from '../../../src/sim/nodes/redis';

// Oracle: the label format documented on pushLabel and shortReply (the packet
// labels the stage prints), applied to push shapes as redis-server 7.0 sends
// them: [unsubscribe, channel, count], [punsubscribe, pattern, count],
// BZPOPMIN's [key, member, score], BZMPOP's [key, [[member, score], ...]],
// BLMOVE's bulk element. Labels longer than 28 characters keep 27 and "…";
// shortReply keeps 35 characters of a first line longer than 36.

const bulk = (value: string | null): Reply => ({ type: 'bulk', value });
const int = (value: string): Reply => ({ type: 'integer', value });
const arr = (...value: Reply[]): Reply => ({ type: 'array', value });

describe('pushLabel', () => {
  it.each([
    [arr(bulk('psubscribe'), bulk('r*'), int('2')), 'BRPOP', 'subscribed r* (2)'],
    [arr(bulk('unsubscribe'), bulk('room'), int('0')), 'BRPOP', 'unsubscribed room (0)'],
    [arr(bulk('punsubscribe'), bulk('r*'), int('1')), 'BRPOP', 'unsubscribed r* (1)'],
    [arr(bulk('board'), bulk('ada'), bulk('3')), 'BZPOPMIN', 'BZPOPMIN → board: ada (3)'],
    [
      arr(bulk('board'), arr(arr(bulk('ada'), bulk('3')), arr(bulk('bob'), bulk('4')))),
      'BZMPOP',
      'BZMPOP → board: ada (3), bo…',
    ],
    [arr(bulk('b'), arr(arr(bulk('x'), bulk('1')))), 'BZMPOP', 'BZMPOP → b: x (1)'],
    [bulk('email:7'), 'BLMOVE', 'BLMOVE → email:7'],
    [bulk(null), 'BLMOVE', 'BLMOVE → (nil)'],
    [bulk('a'.repeat(20)), 'BLMOVE', `BLMOVE → ${'a'.repeat(18)}…`],
    [bulk('a'.repeat(19)), 'BLMOVE', `BLMOVE → ${'a'.repeat(19)}`],
    [
      arr(bulk('message'), bulk('room'), bulk('x'.repeat(30))),
      'BRPOP',
      `message room: ${'x'.repeat(13)}…`,
    ],
    [arr(bulk('jobs'), int('7')), 'BRPOP', 'BRPOP → jobs: 7'],
    [arr(bulk('a')), 'BRPOP', '1) "a"'],
    [{ type: 'simple', value: 'OK' }, 'BRPOP', 'OK'],
  ] as [Reply, string, string][])('pushLabel(%o, %s) is %s', (reply, command, label) => {
    expect(pushLabel(reply, command)).toBe(label);
  });

  it('names BRPOP when the command is not known', () => {
    expect(pushLabel(bulk('x'))).toBe('BRPOP → x');
  });
});

describe('shortReply', () => {
  it('keeps 35 characters of a long first line, and counts the lines after it', () => {
    expect(shortReply(bulk('a'.repeat(34)))).toBe(`"${'a'.repeat(34)}"`); // 36 characters
    expect(shortReply(bulk('a'.repeat(35)))).toBe(`"${'a'.repeat(34)}…`);
    expect(shortReply(arr(bulk('a'), bulk('b'), bulk('c')))).toBe('1) "a" …+2');
    expect(shortReply(arr())).toBe('(empty array)');
  });
});
