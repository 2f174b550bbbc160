import type { Json } from './json';
import type { Packet } from './packet';
import type { Quote } from './quote';

/**
 * One typed, JSON-safe record of the run. `t` is simulated time in ns.
 * - send / deliver / drop: a packet's life on a link
 * - state: a node machine's state value changed
 * - data: a diff of one item a node holds (a Redis key, a Postgres row, a file);
 *   `value: null` deletes it
 * - narrate: a narration beat, bound to the event that caused it; `q` lists
 *   the numbers and replies it quotes and where the trace holds them
 * - metric: a sampled number
 * - mark: an intervention or a phase boundary, shown on the timeline
 */
export type TraceEntry =
  | { k: 'send'; t: number; p: Packet }
  | { k: 'deliver'; t: number; id: number }
  | { k: 'drop'; t: number; id: number; reason: string }
  | { k: 'state'; t: number; node: string; value: string }
  | { k: 'data'; t: number; node: string; key: string; value: Json }
  | { k: 'narrate'; t: number; beat: string; text: string; step?: string; q?: Quote[] }
  | { k: 'metric'; t: number; name: string; value: number }
  | { k: 'mark'; t: number; label: string };

/** Entry kinds the player stops at when stepping. */
export const FRAME_KINDS: ReadonlySet<TraceEntry['k']> = new Set([
  'send',
  'deliver',
  'drop',
  'narrate',
  'mark',
]);
