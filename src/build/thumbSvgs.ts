// Loaded by thumbPlugin through Vite's module runner (it imports a .svelte file).
import { render } from 'svelte/server';
import { scenarios } from '../scenarios';
import Thumbnail from '../views/Thumbnail.svelte';
import { THUMB_IMAGE } from '../views/thumbImage';
import { topologyOf } from '../views/topologyOf';

/**
 * Each scenario's home-card Thumbnail rendered on the server as a standalone
 * SVG file in `palette`'s colours, with its title as the caption. Scenarios
 * whose topology cannot be built are left out.
 */
export function thumbSvgs(palette: Record<string, string>): { id: string; svg: string }[] {
  return scenarios.flatMap((s) => {
    const topology = topologyOf(s.id);
    if (!topology) return [];
    const { body } = render(Thumbnail, {
      props: { topology, layout: s.layout, palette, caption: s.title, ...THUMB_IMAGE },
    });
    // Svelte's hydration markers are comments; a file to be read as an image needs none.
    const svg = body.replace(/<!--[\s\S]*?-->/g, '').trim();
    return [{ id: s.id, svg: `${svg}\n` }];
  });
}
