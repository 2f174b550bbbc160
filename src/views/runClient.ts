import {
  runScenario,
  runScenarioSteps,
  type Intervention,
  type ParamValues,
  type RunProgress,
  type RunResult,
  type RunStep,
} from '../scenarios';
import type { Json } from '../sim';

/** What one run needs: everything that determines its trace. */
export interface RunJob {
  id: string;
  params: ParamValues;
  seed: number;
  interventions: readonly Intervention[];
}

/** A finished run, as the views use it: the trace plus what the scenario measured. */
export type RunData = RunResult & { outcome: Json };

export interface RunCallbacks {
  onprogress?: (p: RunProgress) => void;
  /**
   * Given: once, after the first slice, when the run is far from done (under
   * PREVIEW_BELOW of its span): the run so far, so the page can draw its first
   * frames while the rest computes. Never called for a run done in one slice.
   */
  onpreview?: (run: RunResult) => void;
  onresult: (run: RunData) => void;
  onerror: (message: string) => void;
}

export interface RunClientOptions {
  /**
   * Runs `fn` in a later task, after the page has had its turn (paint, input).
   * Without it runs are synchronous: callbacks fire before `run()` returns.
   */
  defer?: ((fn: () => void) => void) | null;
  /** Wall-clock milliseconds (default: performance.now). */
  now?: () => number;
  /** How long one slice may run before the page gets its turn back, ms. */
  sliceMs?: number;
}

/** Events between two looks at the clock: a few milliseconds of simulation. */
const EVENTS_PER_CHECK = 200;

/**
 * A run that has done less than this share of its span after its first slice
 * gets a preview: it will take several more slices, worth drawing the start.
 */
export const PREVIEW_BELOW = 0.5;

/**
 * Runs scenarios on the page's own thread, one at a time, latest request
 * wins. With `defer`, a run goes a slice at a time (about `sliceMs` each; the
 * first slice at once, so a small scenario is done before `run()` returns)
 * and gives the page its turn between slices: the progress bar paints, Cancel
 * and typing work. A new request drops the run in flight (its callbacks never
 * fire); `cancel()` drops it and fires nothing, so the caller keeps what it
 * had. Slicing only pauses between events: the trace is the one `runScenario`
 * gives. Without `defer` (tests, Node) runs are synchronous.
 */
export class RunClient {
  private readonly defer: ((fn: () => void) => void) | null;
  private readonly now: () => number;
  private readonly sliceMs: number;
  private current: { rid: number } | null = null;
  private nextRid = 1;

  constructor(opts: RunClientOptions = {}) {
    this.defer = opts.defer ?? null;
    this.now = opts.now ?? (() => performance.now());
    this.sliceMs = opts.sliceMs ?? 30;
  }

  /** 'sliced' when runs go a slice at a time between the page's tasks, else 'sync'. */
  get mode(): 'sliced' | 'sync' {
    return this.defer ? 'sliced' : 'sync';
  }

  /** True while a run is under way. */
  get busy(): boolean {
    return this.current !== null;
  }

  /** Starts a run, superseding any in flight. Returns its request id. */
  run(job: RunJob, cb: RunCallbacks): number {
    const rid = this.nextRid++;
    this.current = null;
    const opts = { params: job.params, seed: job.seed, interventions: job.interventions };
    if (!this.defer) {
      let run: RunData;
      try {
        run = runScenario(job.id, opts);
      } catch (e) {
        cb.onerror(message(e));
        return rid;
      }
      cb.onresult(run);
      return rid;
    }
    const me = { rid };
    this.current = me;
    let steps: ReturnType<typeof runScenarioSteps>;
    try {
      steps = runScenarioSteps(job.id, opts, EVENTS_PER_CHECK);
    } catch (e) {
      this.current = null;
      cb.onerror(message(e));
      return rid;
    }
    const defer = this.defer;
    let first = true;
    const slice = (): void => {
      if (this.current !== me) return; // superseded or cancelled
      const end = this.now() + this.sliceMs;
      let progress: RunStep | undefined;
      try {
        for (;;) {
          const r = steps.next();
          if (r.done) {
            this.current = null;
            cb.onresult(r.value);
            return;
          }
          progress = r.value;
          if (this.now() >= end) break;
        }
        if (first && progress && cb.onpreview && farFromDone(progress))
          cb.onpreview(progress.preview());
      } catch (e) {
        this.current = null;
        cb.onerror(message(e));
        return;
      }
      first = false;
      // The preview's callback may have superseded or cancelled this run.
      if (this.current !== me) return;
      if (progress) cb.onprogress?.(progress);
      defer(slice);
    };
    slice();
    return rid;
  }

  /** Stops the run in flight (no callback fires). True if there was one. */
  cancel(): boolean {
    if (!this.current) return false;
    this.current = null;
    return true;
  }

  /** Stops any run in flight. */
  dispose(): void {
    this.current = null;
  }
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A run with a known span that has done less than PREVIEW_BELOW of it. */
const farFromDone = (p: RunProgress): boolean =>
  p.untilNs !== null && p.untilNs > 0 && p.simNs / p.untilNs < PREVIEW_BELOW;

/**
 * The next task of the page (a MessageChannel message: unlike a timer it is
 * not clamped to 4 ms, and the page paints and handles input between tasks).
 */
export function nextTask(): (fn: () => void) => void {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return (fn) => {
    queue.push(fn);
    channel.port2.postMessage(null);
  };
}
