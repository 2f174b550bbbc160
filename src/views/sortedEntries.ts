import type { Json } from '../sim';

/** A node's entries in key order, split into user keys and internal ('#…') ones. */
export interface SortedEntries {
  /** Every key, in order. */
  keys: readonly string[];
  /** The [key, value] pair of each key, reused while the value is the same object. */
  rows: ReadonlyMap<string, readonly [string, Json]>;
  user: readonly (readonly [string, Json])[];
  internal: readonly (readonly [string, Json])[];
}

/**
 * `map`'s entries sorted by `compare`, built from `prev` (the same node a
 * moment earlier) in O(keys + added·log added): kept keys keep their order,
 * only added keys are sorted and merged in, and a pair whose value did not
 * change is the same pair as before, so a keyed list drawn from it redraws
 * only the rows that changed.
 */
export function sortedEntries(
  map: Readonly<Record<string, Json>>,
  prev: SortedEntries | undefined,
  compare: (a: string, b: string) => number,
): SortedEntries {
  const oldRows = prev?.rows ?? new Map<string, readonly [string, Json]>();
  const present = Object.keys(map);
  const added = present.filter((k) => !oldRows.has(k)).sort(compare);
  const kept = prev ? prev.keys.filter((k) => Object.prototype.hasOwnProperty.call(map, k)) : [];
  const keys =
    prev && added.length === 0 && kept.length === prev.keys.length
      ? prev.keys
      : merge(kept, added, compare);
  const rows = new Map<string, readonly [string, Json]>();
  let same = keys === prev?.keys;
  for (const k of keys) {
    const old = oldRows.get(k);
    const row = old && old[1] === map[k] ? old : ([k, map[k]] as const);
    if (row !== old) same = false;
    rows.set(k, row);
  }
  if (same && prev) return prev;
  const user: (readonly [string, Json])[] = [];
  const internal: (readonly [string, Json])[] = [];
  for (const k of keys) (k.startsWith('#') ? internal : user).push(rows.get(k)!);
  return { keys, rows, user, internal };
}

function merge(a: string[], b: string[], compare: (x: string, y: string) => number): string[] {
  if (b.length === 0) return a;
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(compare(a[i], b[j]) <= 0 ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}
