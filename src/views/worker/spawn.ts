import type { WorkerLike } from './runClient';
import { createRunWorker } from './workerFactory';

/**
 * A new run worker, or null where workers are unavailable (jsdom, some file://
 * pages). Which form it takes (a module file, or inlined for the single-file
 * build) is chosen at build time, so each build carries only one.
 */
export function spawnRunWorker(): WorkerLike | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return createRunWorker();
  } catch {
    return null;
  }
}
