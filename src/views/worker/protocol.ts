import { Trace, type Json, type Topology } from '../../sim';
import type { Intervention, ParamValues, RunProgress } from '../../scenarios';

/** What one run needs: everything that determines its trace. */
export interface RunJob {
  id: string;
  params: ParamValues;
  seed: number;
  interventions: readonly Intervention[];
}

/** A finished run, as the views use it: the trace plus what the scenario measured. */
export interface RunData {
  trace: Trace;
  outcome: Json;
  topology: Topology;
  params: ParamValues;
  seed: number;
}

/** The Trace's own fields (entries, frames, keyframes, times, ...), as plain cloneable data. */
export type TraceParts = Record<string, unknown> & { entries: Trace['entries'] };

export type ToWorker = { type: 'run'; rid: number; job: RunJob };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; rid: number; progress: RunProgress }
  /** Part of one of the trace's big arrays; the result message carries the rest. */
  | { type: 'chunk'; rid: number; field: string; items: unknown[] }
  | {
      type: 'result';
      rid: number;
      trace: TraceParts;
      outcome: Json;
      topology: Topology;
      params: ParamValues;
      seed: number;
    }
  | { type: 'error'; rid: number; message: string };

/**
 * The Trace's fields, so the worker (which already built it) can send them and
 * the main thread skips the rebuild (about as long again as the run itself for
 * big traces). Structured clone keeps the keyframes' shared node maps shared.
 */
export function traceParts(trace: Trace): { parts: TraceParts; transfer: Transferable[] } {
  const parts = { ...trace } as unknown as TraceParts;
  const transfer: Transferable[] = [];
  for (const v of Object.values(parts))
    if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) transfer.push(v.buffer);
  return { parts, transfer };
}

/**
 * Items per message when a big array of the trace is sent in parts. The page
 * unpacks each message in its own task, so a big trace (91k entries, 20 MB
 * structured-cloned) never blocks it in one piece: about 1.5 MB per message.
 */
export function chunkSize(field: string): number {
  return field === 'keyframes' ? 4 : 10_000;
}

/** Splits the trace's big arrays off `parts` into chunks, to be sent before the rest. */
export function splitParts(parts: TraceParts): { field: string; items: unknown[] }[] {
  const chunks: { field: string; items: unknown[] }[] = [];
  for (const [field, v] of Object.entries(parts)) {
    if (!Array.isArray(v)) continue;
    const n = chunkSize(field);
    if (v.length <= n) continue;
    for (let i = 0; i < v.length; i += n) chunks.push({ field, items: v.slice(i, i + n) });
    parts[field] = [];
  }
  return chunks;
}

/** Puts received chunks back in front of whatever `parts` still holds of each array. */
export function joinParts(parts: TraceParts, chunks: Map<string, unknown[][]>): TraceParts {
  for (const [field, list] of chunks) {
    const rest = parts[field];
    parts[field] = ([] as unknown[]).concat(...list, Array.isArray(rest) ? rest : []);
  }
  return parts;
}

let fieldNames: string | null = null;

/**
 * A Trace from its fields, without re-running the constructor. If the fields do
 * not match what this build's Trace has (say its layout changed), rebuilds it
 * from the entries instead: slower, never wrong.
 */
export function assembleTrace(parts: TraceParts): Trace {
  fieldNames ??= Object.keys(new Trace([])).sort().join(',');
  if (Object.keys(parts).sort().join(',') !== fieldNames) return new Trace(parts.entries);
  return Object.assign(Object.create(Trace.prototype) as Trace, parts);
}
