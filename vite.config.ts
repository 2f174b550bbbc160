import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import type { Plugin } from 'vite';
import { scenarios } from './src/scenarios';
import { oembedFor } from './src/views/oembed';
import { cspPlugin } from './src/build/cspPlugin';
import { thumbPlugin } from './src/build/thumbPlugin';

// Static oEmbed JSON per scenario (dist/oembed/<id>.json). Its iframe needs an
// absolute address: set SPEED_LAYER_BASE_URL (e.g. https://host/speed-layer/) at build time.
function oembedFiles(): Plugin {
  const base = process.env.SPEED_LAYER_BASE_URL ?? '../';
  return {
    name: 'speed-layer-oembed',
    apply: 'build',
    generateBundle() {
      for (const s of scenarios)
        this.emitFile({
          type: 'asset',
          fileName: `oembed/${s.id}.json`,
          source: `${JSON.stringify(oembedFor(s.id, s.title, base), null, 2)}\n`,
        });
    },
  };
}

// `base: './'` lets the build work from any subpath of any static host.
// `--mode single` adds one self-contained HTML file (LMS uploads, file://).
export default defineConfig(({ mode }) => ({
  base: './',
  publicDir: 'static',
  plugins: [
    svelte(),
    svelteTesting(),
    ...(mode === 'single' ? [viteSingleFile()] : [oembedFiles(), thumbPlugin()]),
    cspPlugin(mode),
  ],
  build:
    mode === 'single'
      ? { outDir: 'dist-single', emptyOutDir: true, copyPublicDir: false }
      : { outDir: 'dist', emptyOutDir: true },
  test: {
    globals: true,
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/browser/**', 'node_modules/**'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
}));
