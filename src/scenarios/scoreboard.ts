import { Trace, type Json } from '../sim';

/**
 * One cell of a scenario's on-stage scoreboard. `of` names the outcome field
 * (a dotted path, e.g. "localDict.staleReads") this cell must equal at the last
 * frame: the scoreboard test holds every scenario to it.
 */
export interface ScoreCell {
  v: number | string | null;
  /** Shown after the number: 'ms', '%', '×'... */
  unit?: string;
  /** Digits after the point for non-integers (default 1). */
  digits?: number;
  of?: string;
}

/** One row: a label, its cells under the board's columns, and how it reads. */
export interface ScoreRow {
  label: string;
  cells: ScoreCell[];
  /** good: the point being made holds here; bad: the failure the lesson warns of. */
  tone?: 'good' | 'bad' | 'warn' | 'muted';
}

/**
 * The scenario's point in numbers, at one moment of the run. Same rows and
 * columns at every frame (so the stage never jumps); values count up as the
 * learner steps.
 */
export interface Scoreboard {
  title: string;
  /** Column headings; without them each row shows its label and one value. */
  columns?: string[];
  rows: ScoreRow[];
}

// toLocaleString builds a formatter on every call; boards are redrawn on every
// frame of a playing run, so the formatters are built once per digit count.
const formats = new Map<number, Intl.NumberFormat>();
function numberFormat(digits: number | null): Intl.NumberFormat {
  const key = digits ?? -1;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(
      'en-US',
      digits === null ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits },
    );
    formats.set(key, f);
  }
  return f;
}

/** The text a cell shows: integers with thousands separators, others with `digits`. */
export function formatCell(c: ScoreCell): string {
  if (c.v === null) return '–';
  if (typeof c.v === 'string') return c.unit ? `${c.v} ${c.unit}` : c.v;
  const n = numberFormat(Number.isInteger(c.v) ? null : (c.digits ?? 1)).format(c.v);
  if (!c.unit) return n;
  return c.unit === '%' || c.unit === '×' ? `${n}${c.unit}` : `${n} ${c.unit}`;
}

/** The value at a dotted path of an outcome (undefined when absent). */
export function outcomeAt(outcome: Json, path: string): Json | undefined {
  let v: Json | undefined = outcome;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Record<string, Json>)[part];
  }
  return v;
}

const prefixes = new WeakMap<Trace, Map<number, Trace>>();

/**
 * The run as it stood at `tNs`: a Trace of the entries up to it, memoized per
 * trace and entry index. Lets a scoreboard reuse the scenario's own `measure`
 * on what has happened so far, so the board counts up and ends equal to the
 * outcome. Costs O(entries) once per distinct instant.
 */
export function traceUpTo(trace: Trace, tNs: number): Trace {
  const last = trace.lastIndexAtOrBefore(tNs);
  if (last === trace.entries.length - 1) return trace;
  let byIndex = prefixes.get(trace);
  if (!byIndex) prefixes.set(trace, (byIndex = new Map<number, Trace>()));
  let t = byIndex.get(last);
  if (!t) {
    if (byIndex.size > 64) byIndex.clear();
    t = new Trace(trace.entries.slice(0, last + 1));
    byIndex.set(last, t);
  }
  return t;
}
