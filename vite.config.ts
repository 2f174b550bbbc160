import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { fileURLToPath } from 'node:url';

const inlineWorker = fileURLToPath(
  new URL('./src/views/worker/workerFactory.inline.ts', import.meta.url),
);

// `base: './'` lets the build work from any subpath of any static host.
// `--mode single` adds one self-contained HTML file (LMS uploads, file://).
export default defineConfig(({ mode }) => ({
  base: './',
  publicDir: 'static',
  plugins: [svelte(), svelteTesting(), ...(mode === 'single' ? [viteSingleFile()] : [])],
  // The single-file build inlines the run worker; the normal one loads it as a file.
  resolve: {
    alias: mode === 'single' ? [{ find: /^\.\/workerFactory$/, replacement: inlineWorker }] : [],
  },
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
