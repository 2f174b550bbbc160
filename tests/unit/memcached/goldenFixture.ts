// The golden memcached recordings (tests/fixtures/golden-memcached): requests
// and the bytes real memcached answered, written by
// scripts/recordGoldenMemcached.ts and replayed against the model by the unit
// tests and against real memcached by tests/differential/memcachedGolden.test.ts.
import { readFileSync } from 'node:fs';

/** A string, or its pieces with long runs of one character as [char, count] (megabyte values). */
export type Packed = string | (string | [string, number])[];

/** Runs this long or longer are stored as [char, count]. */
const MIN_RUN = 64;

export function pack(s: string): Packed {
  const parts: (string | [string, number])[] = [];
  let lit = 0;
  let i = 0;
  while (i < s.length) {
    let j = i + 1;
    while (j < s.length && s[j] === s[i]) j++;
    if (j - i >= MIN_RUN) {
      if (lit < i) parts.push(s.slice(lit, i));
      parts.push([s[i], j - i]);
      lit = j;
    }
    i = j;
  }
  if (parts.length === 0) return s;
  if (lit < s.length) parts.push(s.slice(lit));
  return parts;
}

export function unpack(p: Packed): string {
  if (typeof p === 'string') return p;
  return p.map((x) => (typeof x === 'string' ? x : x[0].repeat(x[1]))).join('');
}

export interface GoldenStep {
  /** When the reply had arrived, in ms after `startedMs` (the clock the model is given). */
  t: number;
  /** The request's bytes (UTF-8), without the sentinel. */
  req: Packed;
  /** Every byte memcached answered, the sentinel's VERSION line included. */
  rep: Packed;
}

export interface GoldenRecording {
  /** `memcached -V` of the recording server. */
  memcached: string;
  /** The server's command-line options beyond port and address. */
  args: string[];
  seed: number;
  /** Date.now() just before the server was spawned. */
  startedMs: number;
  /** The generator's base for absolute exptimes (Unix seconds). */
  startSec: number;
  /** Sent after every request, in the same write. */
  sentinel: string;
  steps: GoldenStep[];
}

export const GOLDEN_DIR = new URL('../../fixtures/golden-memcached/', import.meta.url);

/**
 * JSON Lines: the recording without its steps on the first line, then one
 * step per line (diffable, and left alone by prettier).
 */
export function formatGolden(g: GoldenRecording): string {
  const { steps, ...head } = g;
  return [head, ...steps].map((x) => JSON.stringify(x)).join('\n') + '\n';
}

export function loadGolden(name: string): GoldenRecording {
  const lines = readFileSync(new URL(name, GOLDEN_DIR), 'utf8').trimEnd().split('\n');
  const head = JSON.parse(lines[0]) as Omit<GoldenRecording, 'steps'>;
  return { ...head, steps: lines.slice(1).map((l) => JSON.parse(l) as GoldenStep) };
}

export interface Mismatch {
  step: number;
  request: string;
  memcached: string;
  store: string;
}

/** Each mismatch around its first differing byte (replies can be a megabyte long). */
export function describeMismatches(ms: Mismatch[]): string {
  const around = (s: string, at: number) => JSON.stringify(s.slice(Math.max(0, at - 80), at + 120));
  return ms
    .slice(0, 30)
    .map((m) => {
      let at = 0;
      while (at < m.memcached.length && m.memcached[at] === m.store[at]) at++;
      return `#${m.step} ${JSON.stringify(m.request.slice(0, 200))} (differs at byte ${at})\n  memcached: ${around(m.memcached, at)}\n  store:     ${around(m.store, at)}`;
    })
    .join('\n');
}
