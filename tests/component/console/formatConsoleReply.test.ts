import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/sim/redis';
import { formatReply } from '../../../src/sim/redis';
import {
  ARRAY_SHOWN_ITEMS,
  BULK_SHOWN_BYTES,
  formatConsoleReply,
} from '../../../src/views/console/formatConsoleReply';

const bulk = (value: string): Reply => ({ type: 'bulk', value });
const arr = (value: Reply[]): Reply => ({ type: 'array', value });

describe('formatConsoleReply', () => {
  it.each<Reply>([
    bulk('bar'),
    bulk('x'.repeat(BULK_SHOWN_BYTES)),
    { type: 'error', value: 'ERR syntax error' },
    { type: 'integer', value: '5' },
    arr([bulk('a'), arr([bulk('b')])]),
    arr(Array.from({ length: ARRAY_SHOWN_ITEMS }, (_, i) => bulk(String(i)))),
  ])('formatConsoleReply(%j) prints a small reply as redis-cli does', (r) => {
    expect(formatConsoleReply(r)).toBe(formatReply(r));
  });

  it('formatConsoleReply(1 MB bulk) prints the first 4096 bytes and the size', () => {
    const out = formatConsoleReply(bulk('x'.repeat(1048576)));
    expect(out).toBe(`"${'x'.repeat(4096)}…" (1048576 bytes, first 4096 shown)`);
  });

  it('formatConsoleReply counts bytes, not characters, and never splits one', () => {
    const out = formatConsoleReply(bulk('é'.repeat(3000))); // 6000 bytes
    expect(out).toBe(`"${'\\xc3\\xa9'.repeat(2048)}…" (6000 bytes, first 4096 shown)`);
  });

  it('formatConsoleReply(long array) prints the first elements and the count', () => {
    const r = arr(Array.from({ length: 1000 }, (_, i) => bulk(`m${i}`)));
    const lines = formatConsoleReply(r).split('\n');
    expect(lines).toHaveLength(ARRAY_SHOWN_ITEMS + 1);
    expect(lines[0]).toBe('  1) "m0"');
    expect(lines[ARRAY_SHOWN_ITEMS - 1]).toBe(`100) "m99"`);
    expect(lines[ARRAY_SHOWN_ITEMS]).toBe('… (1000 elements, first 100 shown)');
  });

  it('formatConsoleReply puts a nested long array’s count inside it', () => {
    const inner = arr(Array.from({ length: 150 }, () => bulk('v')));
    const out = formatConsoleReply(arr([inner]));
    expect(out.split('\n').at(-1)).toBe('   101) … (150 elements, first 100 shown)');
  });
});
