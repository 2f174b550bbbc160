/// <reference lib="webworker" />
// The run worker: computes scenario runs off the main thread (DESIGN.md §6).
// One run at a time; the page terminates it to cancel or supersede a run.
import { runScenario } from '../../scenarios';
import { splitParts, traceParts, type FromWorker, type ToWorker } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: FromWorker, transfer: Transferable[] = []): void => scope.postMessage(m, transfer);

/** At most one progress message per this many ms. */
const PROGRESS_MS = 50;

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  if (m?.type !== 'run') return;
  const { rid, job } = m;
  let last = 0;
  try {
    const run = runScenario(job.id, {
      params: job.params,
      seed: job.seed,
      interventions: job.interventions,
      onProgress: (progress) => {
        const now = performance.now();
        if (now - last < PROGRESS_MS) return;
        last = now;
        post({ type: 'progress', rid, progress });
      },
    });
    const { parts, transfer } = traceParts(run.trace);
    for (const c of splitParts(parts)) post({ type: 'chunk', rid, ...c });
    post(
      {
        type: 'result',
        rid,
        trace: parts,
        outcome: run.outcome,
        topology: run.topology,
        params: run.params,
        seed: run.seed,
      },
      transfer,
    );
  } catch (err) {
    post({ type: 'error', rid, message: err instanceof Error ? err.message : String(err) });
  }
};

post({ type: 'ready' });
