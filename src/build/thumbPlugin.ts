import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { runnerImport, type Plugin } from 'vite';
import { thumbPath } from '../views/thumbImage';
import { cssVariables } from './cssVariables';

/**
 * Each scenario's picture as SVG text: its home-card Thumbnail rendered with
 * svelte/server (no browser) in the light theme's colours, read from app.css
 * under `root`. The component is loaded through Vite's module runner, as Node
 * cannot import a .svelte file; its CSS is not needed (colours are attributes).
 */
export async function renderThumbs(root: string): Promise<{ id: string; svg: string }[]> {
  const palette = cssVariables(readFileSync(join(root, 'src/views/app.css'), 'utf8'));
  const { module } = await runnerImport<typeof import('./thumbSvgs')>(
    join(root, 'src/build/thumbSvgs.ts'),
    { root, logLevel: 'warn', plugins: [svelte({ emitCss: false })] },
  );
  return module.thumbSvgs(palette);
}

/** Emits each scenario's picture as dist/thumbs/<id>.svg. */
export function thumbPlugin(): Plugin {
  let root = process.cwd();
  return {
    name: 'speed-layer-thumbs',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    async generateBundle() {
      for (const { id, svg } of await renderThumbs(root))
        this.emitFile({ type: 'asset', fileName: thumbPath(id), source: svg });
    },
  };
}
