// CONFIG GET with several names or patterns. Oracle: redis-server 7.0.15
// (config.c configGetCommand): each option is answered once, under the first
// name that matched it (an exact name in the caller's spelling, a pattern
// match in its own); the order of the pairs is a hash table's (dict of the
// matches), so it is compared here as a set of pairs. Checked live:
// CONFIG GET save APPEND* app?ndonly answers save, appendfsync and appendonly
// (among the options the model does not hold) once each.
import { harness } from './helpers';
import { parseResp } from '../../differential/redisServer';

function pairs(reply: string): string[] {
  const flat = parseResp(reply) as string[];
  const out: string[] = [];
  for (let i = 0; i < flat.length; i += 2) out.push(`${flat[i]}=${flat[i + 1]}`);
  return out.sort();
}

it('answers every option named, once', () => {
  const { r } = harness();
  expect(pairs(r('CONFIG GET save appendonly SAVE Appendonly appendfsync'))).toEqual([
    'appendfsync=everysec',
    'appendonly=no',
    'save=3600 1 300 100 60 10000',
  ]);
});

it('answers each option a pattern matches once, also after an exact name', () => {
  const { r } = harness();
  expect(pairs(r('CONFIG GET save APPEND* app?ndonly sav?'))).toEqual([
    'appendfsync=everysec',
    'appendonly=no',
    'save=3600 1 300 100 60 10000',
  ]);
  expect(pairs(r('CONFIG GET append[fo]* APPENDONLY'))).toEqual([
    'appendfsync=everysec',
    'appendonly=no',
  ]);
});
