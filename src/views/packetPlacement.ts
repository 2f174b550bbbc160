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
  // Grouped per link and direction without string keys or object spreads: at
  // 5,000 packets a frame those cost more than the geometry itself.
  interface Lane {
    fwd: { at: PlacedPacket; t: PillText }[];
    back: { at: PlacedPacket; t: PillText }[];
    texts: Map<string, PillText>;
  }
  const lanes = new Map<PlacedLink, Lane>();
  for (const p of packets) {
    const link = links.get(linkId(p.from, p.to));
    if (!link) continue;
    let lane = lanes.get(link);
    if (!lane) {
      lane = { fwd: [], back: [], texts: new Map() };
      lanes.set(link, lane);
    }
    let t = lane.texts.get(p.label);
    if (!t) {
      const len = Math.hypot(link.x2 - link.x1, link.y2 - link.y1);
      // Short links get short labels, so a pill never hides the boxes at its ends.
      const text = pillText(p.label, Math.max(6, Math.min(26, Math.floor((len - 30) / 6.4))));
      t = { text, pw: pillWidth(text) };
      lane.texts.set(p.label, t);
    }
    const at = placePacket(p, links, tNs, 12, t.pw / 2 + 4);
    if (at) (link.a === p.from ? lane.fwd : lane.back).push({ at, t });
  }
  const out: Pill[] = [];
  for (const lane of lanes.values())
    for (const list of [lane.fwd, lane.back]) {
      list.sort((a, b) => a.at.progress - b.at.progress || a.at.id - b.at.id);
      let prev: Pill | null = null;
      for (const { at, t } of list) {
        if (prev && Math.hypot(prev.x - at.x, prev.y - at.y) < (prev.pw + t.pw) / 2 + 2) {
          prev.count += 1;
          continue;
        }
        prev = {
          id: at.id,
          kind: at.kind,
          label: at.label,
          x: at.x,
          y: at.y,
          progress: at.progress,
          text: t.text,
          pw: t.pw,
          count: 1,
        };
        out.push(prev);
      }
    }
  return out.sort((a, b) => a.id - b.id);
}

interface PillText {
  text: string;
  pw: number;
}
