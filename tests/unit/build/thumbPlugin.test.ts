// @vitest-environment jsdom
// (for DOMParser; the pictures themselves are rendered in Node by svelte/server)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderThumbs } from '../../../src/build/thumbPlugin';
import { scenarios } from '../../../src/scenarios';
import { THUMB_SIZE } from '../../../src/views/thumbImage';
import { topologyOf } from '../../../src/views/topologyOf';

const root = `${resolve(__dirname, '../../..')}/`;
const appCss = readFileSync(`${root}src/views/app.css`, 'utf8');
const lightAccent = /:root\s*\{[^}]*--accent:\s*(#[0-9a-f]{6});/i.exec(appCss)?.[1];

describe('renderThumbs (dist/thumbs/<id>.svg)', async () => {
  const thumbs = await renderThumbs(root);

  it('renders one standalone SVG per scenario, at the size the oEmbed JSON states', () => {
    expect(thumbs.map((t) => t.id)).toEqual(scenarios.map((s) => s.id));
    for (const { id, svg } of thumbs) {
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      expect(doc.getElementsByTagName('parsererror'), id).toHaveLength(0);
      const el = doc.documentElement;
      expect(el.namespaceURI, id).toBe('http://www.w3.org/2000/svg');
      expect([el.getAttribute('width'), el.getAttribute('height')], id).toEqual([
        String(THUMB_SIZE.width),
        String(THUMB_SIZE.height),
      ]);
      expect(el.querySelectorAll('[data-thumb-node]'), id).toHaveLength(
        topologyOf(id)!.nodes.length,
      );
      expect(el.querySelector('text')?.textContent, id).toBe(
        scenarios.find((s) => s.id === id)!.title,
      );
    }
  });

  it('needs nothing outside itself and nothing a strict CSP blocks: no CSS, script or link', () => {
    for (const { id, svg } of thumbs) {
      const el = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
      expect(el.querySelectorAll('style, script, image, use, foreignObject, a'), id).toHaveLength(
        0,
      );
      const attrs = [el, ...el.querySelectorAll('*')].flatMap((e) => [...e.attributes]);
      expect(
        attrs.filter((a) => a.name === 'style' || /href$/.test(a.name) || /^on/.test(a.name)),
        id,
      ).toEqual([]);
      expect(svg, id).not.toMatch(/url\(|var\(|<!--/);
      for (const box of el.querySelectorAll('[data-thumb-node] > *'))
        expect([box.hasAttribute('fill'), box.hasAttribute('stroke')], id).toEqual([true, true]);
      for (const a of attrs.filter((a) => a.name === 'fill' || a.name === 'stroke'))
        expect(a.value, `${id} ${a.name}`).toMatch(/^(#[0-9a-f]{6}|none)$/);
    }
  });

  it("draws in the light theme's colours from app.css", () => {
    const svg = thumbs.find((t) => t.id === 'cache-aside')!.svg;
    const el = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
    expect(lightAccent).toBeDefined();
    expect(el.querySelector('[data-thumb-node=redis] rect')?.getAttribute('stroke')).toBe(
      lightAccent,
    );
  });
});
