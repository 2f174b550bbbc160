import { runScenario, type RunProgress } from '../../scenarios';
import {
  assembleTrace,
  joinParts,
  type FromWorker,
  type RunData,
  type RunJob,
  type ToWorker,
} from './protocol';

export type { RunData, RunJob } from './protocol';

/** The part of a Worker the client uses (a fake in tests). */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
}

export interface RunCallbacks {
  onprogress?: (p: RunProgress) => void;
  onresult: (run: RunData) => void;
  onerror: (message: string) => void;
}

interface InFlight {
  rid: number;
  job: RunJob;
  cb: RunCallbacks;
  /** Parts of the trace's big arrays received so far, per field. */
  chunks: Map<string, unknown[][]>;
}

/**
 * Runs scenarios in a Web Worker, one at a time, latest request wins: a new
 * request terminates the run in flight (its callbacks never fire), and
 * `cancel()` terminates it and fires nothing, so the caller keeps what it had.
 * The worker stays warm between runs. Without a worker (no `Worker`, or the
 * worker script fails to load) runs are synchronous: callbacks fire before
 * `run()` returns.
 */
export class RunClient {
  private readonly spawn: (() => WorkerLike | null) | null;
  private worker: WorkerLike | null = null;
  /** The worker said it loaded; an error before that means workers do not work here. */
  private alive = false;
  private broken = false;
  private current: InFlight | null = null;
  private nextRid = 1;

  constructor(opts: { spawn?: (() => WorkerLike | null) | null } = {}) {
    this.spawn = opts.spawn === undefined ? null : opts.spawn;
  }

  /** 'worker' while runs go to a worker, else 'sync'. */
  get mode(): 'worker' | 'sync' {
    return this.spawn && !this.broken ? 'worker' : 'sync';
  }

  /** True while a run is computing in the worker. */
  get busy(): boolean {
    return this.current !== null;
  }

  /** Starts a run, superseding any in flight. Returns its request id. */
  run(job: RunJob, cb: RunCallbacks): number {
    const rid = this.nextRid++;
    if (this.current) this.kill();
    if (this.mode === 'sync') {
      runSync(job, cb);
      return rid;
    }
    const worker = this.ensureWorker();
    if (!worker) {
      this.broken = true;
      runSync(job, cb);
      return rid;
    }
    this.current = { rid, job, cb, chunks: new Map() };
    worker.postMessage({ type: 'run', rid, job: plain(job) });
    return rid;
  }

  /** Stops the run in flight (no callback fires). True if there was one. */
  cancel(): boolean {
    if (!this.current) return false;
    this.kill();
    return true;
  }

  /** Terminates the worker for good. */
  dispose(): void {
    this.current = null;
    this.worker?.terminate();
    this.worker = null;
  }

  private kill(): void {
    this.current = null;
    // A run cannot be interrupted inside the worker (it is one synchronous loop), so end it.
    this.worker?.terminate();
    this.worker = null;
  }

  private ensureWorker(): WorkerLike | null {
    if (this.worker) return this.worker;
    const w = this.spawn?.() ?? null;
    if (!w) return null;
    this.worker = w;
    w.onmessage = (e: MessageEvent) => this.receive(w, e.data as FromWorker);
    w.onmessageerror = () => this.fail(w, 'the run result could not be read');
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault?.();
      if (!this.alive) {
        // The worker never started (blocked, or no module workers): run here instead.
        this.broken = true;
        const pending = this.current;
        this.dispose();
        if (pending) runSync(pending.job, pending.cb);
        return;
      }
      this.fail(w, `the run worker failed: ${e.message || 'unknown error'}`);
    };
    return w;
  }

  private receive(w: WorkerLike, m: FromWorker): void {
    if (w !== this.worker) return;
    if (m.type === 'ready') {
      this.alive = true;
      return;
    }
    const cur = this.current;
    if (!cur || m.rid !== cur.rid) return; // superseded
    if (m.type === 'progress') {
      cur.cb.onprogress?.(m.progress);
      return;
    }
    if (m.type === 'chunk') {
      const list = cur.chunks.get(m.field) ?? [];
      list.push(m.items);
      cur.chunks.set(m.field, list);
      return;
    }
    this.current = null;
    if (m.type === 'error') {
      cur.cb.onerror(m.message);
      return;
    }
    let run: RunData;
    try {
      run = {
        trace: assembleTrace(joinParts(m.trace, cur.chunks)),
        outcome: m.outcome,
        topology: m.topology,
        params: m.params,
        seed: m.seed,
      };
    } catch (e) {
      cur.cb.onerror(e instanceof Error ? e.message : String(e));
      return;
    }
    cur.cb.onresult(run);
  }

  private fail(w: WorkerLike, message: string): void {
    if (w !== this.worker) return;
    const cur = this.current;
    this.dispose();
    cur?.cb.onerror(message);
  }
}

function runSync(job: RunJob, cb: RunCallbacks): void {
  let run: RunData;
  try {
    run = runScenario(job.id, {
      params: job.params,
      seed: job.seed,
      interventions: job.interventions,
    });
  } catch (e) {
    cb.onerror(e instanceof Error ? e.message : String(e));
    return;
  }
  cb.onresult(run);
}

/** A copy without Svelte state proxies, which structured clone refuses. */
function plain(job: RunJob): RunJob {
  return {
    id: job.id,
    params: { ...job.params },
    seed: job.seed,
    interventions: job.interventions.map((iv) =>
      iv.kind === 'command' ? { ...iv, argv: [...iv.argv] } : { ...iv },
    ),
  };
}
