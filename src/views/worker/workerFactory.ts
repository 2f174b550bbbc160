/** The run worker as a module file next to the page (the normal build). */
export function createRunWorker(): Worker {
  return new Worker(new URL('./runWorker.ts', import.meta.url), { type: 'module' });
}
