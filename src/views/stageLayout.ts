import { scalePoint } from 'd3-scale';
import type { Topology } from '../sim';

/** A node placed on the stage: its centre and box size, in px. */
export interface PlacedNode {
  id: string;
  kind: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Scale of type and glyph (1 at a comfortable size). */
  k: number;
}

/** A link between two placed nodes, clipped to the edges of their boxes. */
export interface PlacedLink {
  a: string;
  b: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Default column of each node kind when a scenario gives no layout. */
const COLUMN_OF_KIND: Record<string, number> = {
  client: 0,
  loadBalancer: 1,
  webServer: 2,
  worker: 2,
  redis: 3,
  memcached: 3,
  postgres: 3,
};

/**
 * Places nodes on a width x height stage: columns and rows from the scenario's
 * layout when given, else columns by kind (client | load balancer | servers |
 * data stores), empty columns dropped. d3 point scales spread them. Pure.
 */
export function layoutStage(
  topology: Topology,
  width: number,
  height: number,
  layout?: Record<string, [number, number]>,
): { nodes: PlacedNode[]; links: PlacedLink[] } {
  const cells = new Map<string, [number, number]>();
  const nextRow = new Map<number, number>();
  for (const n of topology.nodes) {
    const given = layout?.[n.id];
    if (given) {
      cells.set(n.id, given);
      continue;
    }
    const col = COLUMN_OF_KIND[n.kind] ?? 2;
    const row = nextRow.get(col) ?? 0;
    nextRow.set(col, row + 1);
    cells.set(n.id, [col, row]);
  }
  wrapTallColumns(cells, topology, height, layout);
  const cols = [...new Set([...cells.values()].map((c) => c[0]))].sort((a, b) => a - b);
  const rows = [...new Set([...cells.values()].map((c) => c[1]))].sort((a, b) => a - b);
  // One scale factor for box size and type, from the room each node gets.
  const roomX = width / Math.max(cols.length, 1);
  const roomY = height / Math.max(rows.length, 1);
  const k = Math.max(0.75, Math.min(1.45, roomX / 240, roomY / 110));
  // Narrow stages give the boxes more of their room: names need it more than the gaps do.
  const w = Math.min(roomX * (k < 1 ? 0.8 : 0.72), 160 * k);
  const h = Math.min(roomY * 0.72, 56 * k);
  const padX = w / 2 + 10;
  const padY = h / 2 + 14;
  // Spread columns over the width, but keep rows together (at most ~2.6 boxes apart).
  const spanY = Math.min(height - 2 * padY, (rows.length - 1) * h * 2.6);
  const top = (height - spanY) / 2;
  const x = scalePoint<number>()
    .domain(cols)
    .range([padX, Math.max(padX, width - padX)])
    .padding(cols.length === 1 ? 0.5 : 0);
  const y = scalePoint<number>()
    .domain(rows)
    .range([top, top + Math.max(0, spanY)])
    .padding(rows.length === 1 ? 0.5 : 0);
  const nodes: PlacedNode[] = topology.nodes.map((n) => {
    const [c, r] = cells.get(n.id) ?? [0, 0];
    return { id: n.id, kind: n.kind, x: x(c) ?? width / 2, y: y(r) ?? height / 2, w, h, k };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const links: PlacedLink[] = [];
  for (const [a, b] of topology.links) {
    const na = byId.get(a);
    const nb = byId.get(b);
    if (!na || !nb) continue;
    const [x1, y1] = edgePoint(na, nb.x, nb.y);
    const [x2, y2] = edgePoint(nb, na.x, na.y);
    links.push({ a, b, x1, y1, x2, y2 });
  }
  return { nodes, links };
}

/** Height a row needs for a box whose name and state line can be read. */
const MIN_ROW_PX = 40;

/**
 * Splits a column of auto-placed nodes taller than the stage can show (eight
 * web servers on a 640x400 page) into side-by-side sub-columns of balanced
 * height, so boxes stay readable instead of squeezing. Fixed layouts are the
 * scenario's choice and stay as given.
 */
function wrapTallColumns(
  cells: Map<string, [number, number]>,
  topology: Topology,
  height: number,
  layout?: Record<string, [number, number]>,
): void {
  const maxRows = Math.max(1, Math.floor(height / MIN_ROW_PX));
  const byCol = new Map<number, string[]>();
  for (const n of topology.nodes) {
    if (layout?.[n.id]) continue;
    const col = cells.get(n.id)?.[0] ?? 0;
    byCol.set(col, [...(byCol.get(col) ?? []), n.id]);
  }
  for (const [col, ids] of byCol) {
    if (ids.length <= maxRows) continue;
    const subs = Math.ceil(ids.length / maxRows);
    const perSub = Math.ceil(ids.length / subs);
    ids.forEach((id, i) => {
      const sub = Math.floor(i / perSub);
      cells.set(id, [col + sub / subs, i % perSub]);
    });
  }
}

/** Where the segment from a box's centre towards (tx, ty) leaves the box. */
export function edgePoint(n: PlacedNode, tx: number, ty: number): [number, number] {
  const dx = tx - n.x;
  const dy = ty - n.y;
  if (dx === 0 && dy === 0) return [n.x, n.y];
  const sx = dx === 0 ? Infinity : n.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : n.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy, 1);
  return [n.x + dx * s, n.y + dy * s];
}

/** A node's name as drawn, and where its crash menu button goes (px, from the box's top-left). */
export interface NodeLabel {
  text: string;
  /** Font size of the name. */
  size: number;
  /** The crash menu button's box: "Crash ▾" astride the top edge, or the glyph with a ▾. */
  menu: { x: number; y: number; w: number; h: number; compact: boolean };
}

/** Width in px of `text` in the node-name font at 1 px (it scales linearly with size). */
export type MeasureName = (text: string) => number;

// Average advance of the bold UI font per em; DejaVu Sans Bold (the widest
// common fallback) is about this. Used where text cannot be measured (tests).
const EM_PER_CHAR = 0.7;
const estimate: MeasureName = (text) => text.length * EM_PER_CHAR;
/** Smallest name size still read comfortably; below it the name is shortened instead. */
const MIN_NAME_PX = 8.5;

/**
 * Fits a node's name beside its crash menu button. Roomy boxes carry "Crash ▾"
 * astride their top-right corner, where it clears the name unless the box is
 * short (then the name keeps out of its width). Small boxes make their glyph the
 * button, marked with a ▾, so it covers neither the name nor the box above. A
 * name that does not fit is drawn smaller, down to 8.5 px (the state line is 8.25), and only then
 * shortened with an ellipsis. Pure given `measure`.
 */
export function nodeLabel(
  n: PlacedNode,
  withMenu: boolean,
  measure: MeasureName = estimate,
): NodeLabel {
  const compact = n.k < 1;
  const menu = compact
    ? { x: 8 * n.k, y: n.h / 2 - 12 * n.k, w: 32 * n.k, h: 24 * n.k, compact }
    : { x: n.w + 8 - 60, y: -19 / 2, w: 60, h: 19, compact };
  const full = 13.5 * n.k;
  const left = 40 * n.k;
  const baseline = n.h / 2 - 3 * n.k;
  // The name's glyphs reach about 0.75 em above its baseline and 0.25 em below.
  const collides =
    withMenu &&
    !compact &&
    menu.y < baseline + 0.25 * full &&
    menu.y + menu.h > baseline - 0.75 * full;
  const right = collides ? menu.x - 2 : n.w - 3;
  const room = Math.max(0, right - left);
  const fits = room / Math.max(1e-6, measure(n.id));
  const size = Math.max(Math.min(full, MIN_NAME_PX), Math.min(full, fits));
  // The epsilon keeps a name sized to fit exactly from losing its last letter to rounding.
  if (measure(n.id) * size <= room + 1e-9) return { text: n.id, size, menu };
  let chars = n.id.length - 1;
  while (chars > 3 && measure(`${n.id.slice(0, chars)}…`) * size > room) chars--;
  return { text: `${n.id.slice(0, chars)}…`, size, menu };
}
