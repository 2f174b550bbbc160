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

/** A pill as both packet layers draw it: one packet, or `count` that would overlap. */
export interface Pill extends PlacedPacket {
  /** The label, shortened to fit its link. */
  text: string;
  /** Width in px (height is 20). */
  pw: number;
  /** Packets this pill stands for (shown as "×n" when more than one). */
  count: number;
}

/** Width in px of a pill holding `text` (11px monospace, 6.4px a character). */
export function pillWidth(text: string): number {
  return Math.round(text.length * 6.4 + 16);
}

/**
 * The pills of the packets in flight at display time tNs: every packet placed
 * by `placePacket`, and packets on the same link in the same direction that
 * would overlap merged into one pill "×n" (so no packet goes uncounted, and the
 * number of pills is bounded by the links' lengths). Sorted by packet id. The
 * one geometry of both packet layers, SVG and canvas. Pure.
 */
export function placePills(
  packets: readonly Packet[],
  links: ReadonlyMap<string, PlacedLink>,
  tNs: number,
): Pill[] {
  type Laned = Pill & { lane: string };
  const placed: Laned[] = [];
  // Label and width depend only on the label and link length: computed once per pair.
  const textOf = new Map<string, { text: string; pw: number }>();
  for (const p of packets) {
    const key = linkId(p.from, p.to);
    const link = links.get(key);
    if (!link) continue;
    const memo = `${key}\u0000${p.label}`;
    let t = textOf.get(memo);
    if (!t) {
      const len = Math.hypot(link.x2 - link.x1, link.y2 - link.y1);
      // Short links get short labels, so a pill never hides the boxes at its ends.
      const text = pillText(p.label, Math.max(6, Math.min(26, Math.floor((len - 30) / 6.4))));
      t = { text, pw: pillWidth(text) };
      textOf.set(memo, t);
    }
    const at = placePacket(p, links, tNs, 12, t.pw / 2 + 4);
    if (at) placed.push({ ...at, text: t.text, pw: t.pw, count: 1, lane: `${p.from}>${p.to}` });
  }
  placed.sort((a, b) =>
    a.lane === b.lane ? a.progress - b.progress || a.id - b.id : a.lane < b.lane ? -1 : 1,
  );
  const out: Pill[] = [];
  const lastOn = new Map<string, Pill>();
  for (const p of placed) {
    const prev = lastOn.get(p.lane);
    if (prev && Math.hypot(prev.x - p.x, prev.y - p.y) < (prev.pw + p.pw) / 2 + 2) {
      prev.count += 1;
      continue;
    }
    const { lane, ...pill } = p;
    out.push(pill);
    lastOn.set(lane, pill);
  }
  return out.sort((a, b) => a.id - b.id);
}
