import InlineRunWorker from './runWorker.ts?worker&inline';

/**
 * The run worker inlined as a blob URL: the single-file build has no second
 * file to load. vite.config.ts swaps this in for workerFactory.ts in that mode.
 */
export function createRunWorker(): Worker {
  return new InlineRunWorker();
}
