import type { Json, Topology, Trace, World } from '../sim';
import type { Scoreboard } from './scoreboard';

/** One tunable of a scenario, shown in the parameter or latency panel. */
export interface ParamSpec {
  name: string;
  label: string;
  /** 'number' (a slider with min/max/step), 'boolean' (a toggle), 'choice' (a select). */
  type: 'number' | 'boolean' | 'choice';
  default: number | boolean | string;
  min?: number;
  max?: number;
  step?: number;
  /** 'log': the slider moves along a log scale (a range over several orders of magnitude). */
  scale?: 'log';
  /** Shown after the value: 'ms', 'µs', 'ns', 's', 'req', ... */
  unit?: string;
  choices?: string[];
  /** 'latency' params go in the Latency panel; the rest in Parameters. */
  group?: 'parameter' | 'latency' | 'advanced';
  help?: string;
}

export type ParamValues = Record<string, number | boolean | string>;

/**
 * Something a learner does at a moment of a run: the run is replayed with it,
 * deterministically, so the new trace shares the old one's prefix.
 */
export type Intervention =
  | { tNs: number; kind: 'crash'; node: string; crashKind?: 'process-kill' | 'power-loss' }
  | { tNs: number; kind: 'restart'; node: string }
  | { tNs: number; kind: 'command'; from: string; node: string; argv: string[] }
  /**
   * With `peer`: the link node↔peer's one-way latency becomes `us` from now on.
   * Without: the node's per-operation cost (Redis command time, Postgres query time).
   */
  | { tNs: number; kind: 'latency'; node: string; peer?: string; us: number };

/**
 * What run.ts tells a scenario that narrates the learner's actions itself:
 * `act` right after an intervention took effect; `reply` when a console
 * command's reply reached its sender.
 */
export type InterventionEvent =
  | { phase: 'act'; iv: Intervention }
  | { phase: 'reply'; iv: Extract<Intervention, { kind: 'command' }>; reply: Json };

/** What a scenario's build step hands back: how to read the outcome off the trace. */
export interface Built {
  /** Simulated time to run to (default: until nothing is left). */
  untilNs?: number;
  /** Reads the outcome off the finished trace: measured, never computed from params. */
  measure(trace: Trace): Json;
  /**
   * Narrates the learner's interventions in the scenario's own words (free
   * play). When given, run.ts adds only the timeline marks, no beats of its own.
   */
  onIntervention?(e: InterventionEvent): void;
}

/** A lesson scenario, declared mostly as data. */
export interface ScenarioSpec {
  id: string;
  title: string;
  /** The lesson section, e.g. "§4 Redis vs the database". */
  lessonSection: string;
  /** The one-line teaching point, shown on the home view. */
  teaches: string;
  params: ParamSpec[];
  /** Preferred pacing: 'proportional' for latency lessons, else step-paced. */
  pacing?: 'step' | 'proportional';
  /** With proportional pacing: simulated ns shown per wall-clock ms at 1x (1_000_000: real time). */
  nsPerWallMs?: number;
  /** Optional fixed layout: node id -> [column, row]. */
  layout?: Record<string, [number, number]>;
  /** Sets up nodes and the workload on a fresh world. */
  build(world: World, params: ParamValues): Built;
  /**
   * The scenario's point in numbers at display time `tNs`: a pure function of
   * the trace (memoize per trace; see `traceUpTo`). Drawn on the stage by the
   * Scoreboard view; cells marked `of` equal the outcome at the last frame.
   */
  scoreboard?(this: void, trace: Trace, tNs: number, params: ParamValues): Scoreboard;
}

/** The result of a headless run. */
export interface RunResult {
  trace: Trace;
  outcome: Json;
  topology: Topology;
  params: ParamValues;
  seed: number;
  /**
   * Set on a preview: the trace holds only the run's first part (what is
   * ready while the rest computes), `outcome` is null, and `untilNs` is where
   * the whole run will end (if the scenario runs to a fixed time).
   */
  partial?: { untilNs: number | null };
}

/**
 * Turns loose input into one canonical value per parameter (the Plot-style
 * `maybe` at the edge): numbers clamped to range and snapped to the step,
 * unknown names dropped, bad values replaced by the default. Returns the values,
 * the names that fell back, and a sentence per number that was clamped
 * ("Key TTL is at most 300 s; using 300"), so the UI can say so.
 */
export function normalizeParams(
  specs: readonly ParamSpec[],
  input: Record<string, unknown> = {},
): { values: ParamValues; invalid: string[]; clamped: string[] } {
  const values: ParamValues = {};
  const invalid: string[] = [];
  const clamped: string[] = [];
  for (const s of specs) {
    const raw = input[s.name];
    if (raw === undefined) {
      values[s.name] = s.default;
      continue;
    }
    const v = coerce(s, raw);
    if (v === null) invalid.push(s.name);
    else if (v.clamp) clamped.push(clampSentence(s, v.clamp, v.value as number));
    values[s.name] = v?.value ?? s.default;
  }
  return { values, invalid, clamped };
}

function clampSentence(s: ParamSpec, side: 'min' | 'max', value: number): string {
  const unit = s.unit ? ` ${s.unit}` : '';
  return `${s.label} is at ${side === 'max' ? 'most' : 'least'} ${value}${unit}; using ${value}`;
}

/** A decimal number as typed: no hex, octal, binary, Infinity or blank. */
const DECIMAL = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;

function coerce(
  s: ParamSpec,
  raw: unknown,
): { value: number | boolean | string; clamp?: 'min' | 'max' } | null {
  if (s.type === 'boolean') {
    if (typeof raw === 'boolean') return { value: raw };
    if (raw === '1' || raw === 'true' || raw === 'on') return { value: true };
    if (raw === '0' || raw === 'false' || raw === 'off') return { value: false };
    return null;
  }
  if (s.type === 'choice') {
    return typeof raw === 'string' && (s.choices ?? []).includes(raw) ? { value: raw } : null;
  }
  let n =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string' && DECIMAL.test(raw)
        ? Number(raw)
        : NaN;
  if (!Number.isFinite(n)) return null;
  let clamp: 'min' | 'max' | undefined;
  if (s.min !== undefined && n < s.min) {
    n = s.min;
    clamp = 'min';
  } else if (s.max !== undefined && n > s.max) {
    n = s.max;
    clamp = 'max';
  }
  const step = s.step ?? 0;
  const base = s.min ?? 0;
  const snapped = step > 0 ? base + Math.round((n - base) / step) * step : n;
  const value = Number(snapped.toFixed(6));
  return clamp ? { value, clamp } : { value };
}
