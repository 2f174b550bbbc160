import type { Packet } from '../sim';
import type { PlacedLink } from './stageLayout';

/** A packet's pill on the stage. */
export interface PlacedPacket {
  id: number;
  kind: Packet['kind'];
  label: string;
  x: number;
  y: number;
  /** Progress along the link, 0 at the sender, 1 at the receiver. */
  progress: number;
}

/** How far a packet is along its link at display time tNs, clamped to [0, 1]. Pure. */
export function packetProgress(sentNs: number, deliverNs: number, tNs: number): number {
  if (deliverNs <= sentNs) return tNs >= deliverNs ? 1 : 0;
  return Math.min(1, Math.max(0, (tNs - sentNs) / (deliverNs - sentNs)));
}

/**
 * Places a packet on the link between its ends, as a pure function of
 * (sentNs, deliverNs, tNs). The two directions of a link ride on either side
 * of it (offset `lanePx`) so a request and its reply never overlap.
 */
export function placePacket(
  p: Packet,
  links: ReadonlyMap<string, PlacedLink>,
  tNs: number,
  lanePx = 9,
  insetPx = 0,
): PlacedPacket | null {
  const link = links.get(linkId(p.from, p.to));
  if (!link) return null;
  const forward = link.a === p.from;
  const [ax, ay, bx, by] = forward
    ? [link.x1, link.y1, link.x2, link.y2]
    : [link.x2, link.y2, link.x1, link.y1];
  const k = packetProgress(p.sentNs, p.deliverNs, tNs);
  const len = Math.hypot(bx - ax, by - ay) || 1;
  // Inset the ends so a pill never covers the boxes it travels between.
  const inset = Math.min(insetPx, len / 2);
  const ux = (bx - ax) / len;
  const uy = (by - ay) / len;
  const [x1, y1, x2, y2] = [ax + ux * inset, ay + uy * inset, bx - ux * inset, by - uy * inset];
  // Normal pointing to the right of the direction of travel.
  const nx = -uy;
  const ny = ux;
  return {
    id: p.id,
    kind: p.kind,
    label: p.label,
    x: x1 + (x2 - x1) * k + nx * lanePx,
    y: y1 + (y2 - y1) * k + ny * lanePx,
    progress: k,
  };
}

/** Order-independent key of the link between two nodes. */
export function linkId(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** A label short enough for a pill: at most `max` characters, with an ellipsis. */
export function pillText(label: string, max = 26): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}
