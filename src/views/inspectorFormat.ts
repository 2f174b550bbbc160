import type { Json } from '../sim';
import { formatDuration } from '../sim/time';

/** A Redis key as the store's view records it in the trace. */
export interface KeyView {
  type: string;
  value: Json;
  expiresAtMs: number | null;
}

/** Reads a trace data value as a KeyView (loose input normalized at the edge), or null. */
export function asKeyView(v: Json): KeyView | null {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  const type = typeof v.type === 'string' ? v.type : 'string';
  const exp = typeof v.expiresAtMs === 'number' ? v.expiresAtMs : null;
  return { type, value: v.value ?? null, expiresAtMs: exp };
}

/** A value in one line: strings in quotes (inner text as is, for reading), the rest compact JSON. */
export function formatValue(v: Json, max = 140): string {
  const s = typeof v === 'string' ? `"${v}"` : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * The live TTL of a key at display time: "29.5 s", "no TTL" or "expired"
 * (still in memory until Redis notices). Pure.
 */
export function formatTtl(expiresAtMs: number | null, tNs: number): string {
  if (expiresAtMs === null) return 'no TTL';
  const leftNs = Math.round(expiresAtMs * 1e6 - tNs);
  if (leftNs <= 0) return 'expired';
  return formatDuration(leftNs);
}
