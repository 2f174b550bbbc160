import InlineRunWorker from './runWorker.ts?worker&inline';
import type { WorkerLike } from './runClient';

/**
 * A new run worker, or null where workers are unavailable (jsdom, some file://
 * pages). The single-file build inlines the worker's code (a blob URL), since
 * it has no second file to load; the normal build loads it as a module file.
 */
export function spawnRunWorker(): WorkerLike | null {
  if (typeof Worker === 'undefined') return null;
  try {
    if (import.meta.env.MODE === 'single') return new InlineRunWorker();
    return new Worker(new URL('./runWorker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}
