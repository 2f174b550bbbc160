// String growth limits. Oracle: redis-server 7.0 refuses strings over
// proto-max-bulk-len (512 MB, redis.conf; t_string.c checkStringLength) with
// "string exceeds maximum allowed size" (edgesB golden checks that boundary);
// below it, the simulation refuses growth past its own documented 32 MB limit
// (stringsMore.ts SIM_MAX_STRING) with its own message, never silently.
import { harness } from './helpers';

const SIM = '-ERR string exceeds the simulation limit of 32 MB (redis-server allows 512 MB)\r\n';
const MB32 = 32 * 1024 * 1024;

it('SETRANGE may grow a string to exactly 32 MB, not one byte more', () => {
  const { r } = harness();
  expect(r(['SETRANGE', 'k', String(MB32), 'x'])).toBe(SIM);
  expect(r(['EXISTS', 'k'])).toBe(':0\r\n');
  expect(r(['SETRANGE', 'k', String(MB32 - 2), 'xy'])).toBe(`:${MB32}\r\n`);
  expect(r(['SETRANGE', 'k', String(MB32 - 1), 'xy'])).toBe(SIM);
  expect(r(['STRLEN', 'k'])).toBe(`:${MB32}\r\n`);
});

it('APPEND refuses to pass 32 MB and leaves the value as it was', () => {
  const { r } = harness();
  r(['SETRANGE', 'k', String(MB32 - 2), 'x']);
  expect(r(['APPEND', 'k', 'y'])).toBe(`:${MB32}\r\n`);
  expect(r(['APPEND', 'k', 'z'])).toBe(SIM);
  expect(r(['APPEND', 'k', ''])).toBe(`:${MB32}\r\n`);
  expect(r(['GETRANGE', 'k', '-2', '-1'])).toBe('$2\r\nxy\r\n');
});
