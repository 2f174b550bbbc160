import type { Json } from './json';

/** What a packet is for; the view colours by it. */
export type PacketKind = 'request' | 'reply' | 'push' | 'error';

/**
 * A message on a link, as plain data. Its on-screen position is a pure
 * function of (sentNs, deliverNs, display time), so scrubbing just works.
 */
export interface Packet {
  id: number;
  from: string;
  to: string;
  kind: PacketKind;
  /** What the view prints on it, e.g. `GET user:123` or `200 OK`. */
  label: string;
  sentNs: number;
  deliverNs: number;
  bytes: number;
  payload: Json;
}
