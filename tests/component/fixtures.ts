import type { Packet, TraceEntry } from '../../src/sim';
import { Trace } from '../../src/sim/trace';

const MS = 1_000_000;

function packet(
  id: number,
  from: string,
  to: string,
  label: string,
  sentNs: number,
  deliverNs: number,
): Packet {
  return {
    id,
    from,
    to,
    kind: id % 2 ? 'request' : 'reply',
    label,
    sentNs,
    deliverNs,
    bytes: 10,
    payload: null,
  };
}

/**
 * A hand-made cache-aside-like trace: four frames at 0, 10 ms, 10.25 ms and
 * 2 s; the redis key `user:123` appears at 10.25 ms with a 30 s TTL.
 */
export function miniTrace(): Trace {
  const entries: TraceEntry[] = [
    { k: 'state', t: 0, node: 'redis', value: 'idle' },
    {
      k: 'narrate',
      t: 0,
      beat: 'intro',
      text: 'A browser asks for user 123.',
      step: 'Cache-aside',
    },
    { k: 'send', t: 0, p: packet(1, 'browser', 'web-1', 'GET /users/123', 0, 10 * MS) },
    { k: 'deliver', t: 10 * MS, id: 1 },
    {
      k: 'narrate',
      t: 10 * MS,
      beat: 'step1',
      text: 'web-1 asks Redis.',
      step: 'Step 1 of 6 · Ask Redis',
    },
    { k: 'send', t: 10 * MS, p: packet(2, 'web-1', 'redis', 'SET user:123', 10 * MS, 10.25 * MS) },
    { k: 'deliver', t: 10.25 * MS, id: 2 },
    { k: 'state', t: 10.25 * MS, node: 'redis', value: 'busy' },
    {
      k: 'data',
      t: 10.25 * MS,
      node: 'redis',
      key: 'user:123',
      value: { type: 'string', value: '{"id":123}', expiresAtMs: 10.25 + 30_000 },
    },
    {
      k: 'narrate',
      t: 10.25 * MS,
      beat: 'hit',
      text: 'Redis: yes! A hit.',
      step: 'Step 6 of 6 · Cache hit',
    },
    { k: 'state', t: 10.5 * MS, node: 'redis', value: 'idle' },
    { k: 'mark', t: 2000 * MS, label: 'later' },
  ];
  return new Trace(entries, 4);
}
