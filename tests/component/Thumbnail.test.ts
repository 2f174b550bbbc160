// @vitest-environment jsdom
import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { scenarios } from '../../src/scenarios';
import Thumbnail from '../../src/views/Thumbnail.svelte';
import { topologyOf } from '../../src/views/topologyOf';

describe('Thumbnail', () => {
  it('draws one box per node and one line per link', () => {
    const topology = {
      nodes: [
        { id: 'client', kind: 'client' },
        { id: 'web-1', kind: 'webServer' },
        { id: 'redis', kind: 'redis' },
        { id: 'postgres', kind: 'postgres' },
      ],
      links: [
        ['client', 'web-1'],
        ['web-1', 'redis'],
        ['web-1', 'postgres'],
      ] as [string, string][],
    };
    const { container } = render(Thumbnail, { topology });
    const boxes = container.querySelectorAll('[data-thumb-node]');
    expect([...boxes].map((b) => b.getAttribute('data-thumb-node'))).toEqual([
      'client',
      'web-1',
      'redis',
      'postgres',
    ]);
    expect(container.querySelectorAll('.node rect')).toHaveLength(4);
    expect(container.querySelectorAll('.links line')).toHaveLength(3);
    expect(container.querySelector('.kind-redis')).not.toBeNull();
  });

  it('gets every scenario topology from build alone (no run) and draws it', () => {
    for (const s of scenarios) {
      const topology = topologyOf(s.id);
      expect(topology, s.id).not.toBeNull();
      expect(topology?.nodes.length, s.id).toBeGreaterThan(0);
      const { container, unmount } = render(Thumbnail, { topology: topology!, layout: s.layout });
      expect(container.querySelectorAll('[data-thumb-node]')).toHaveLength(topology!.nodes.length);
      unmount();
    }
  });

  it('on a card takes its colours from the theme (CSS), not from attributes', () => {
    const { container } = render(Thumbnail, { topology: topologyOf('cache-aside')! });
    const svg = container.querySelector('svg')!;
    expect(svg.hasAttribute('width')).toBe(false);
    const redis = container.querySelector<SVGGElement>('[data-thumb-node=redis]')!;
    expect(redis.style.getPropertyValue('--kind')).toBe('var(--accent)');
    expect(redis.querySelector('rect')!.hasAttribute('stroke')).toBe(false);
    expect(container.querySelector('text')).toBeNull();
  });

  it('given a palette draws a standalone picture: a size, colours as attributes, the caption', () => {
    const palette = {
      '--stage-bg': '#fbfcfe',
      '--node-bg': '#ffffff',
      '--link': '#a5adbd',
      '--text': '#1b1f2a',
      '--text-muted': '#5b6476',
      '--accent': '#c7362b',
      '--pill-request-border': '#3b72d9',
      '--pill-push-border': '#8147d9',
      '--font-ui': 'sans-serif',
    };
    const { container } = render(Thumbnail, {
      topology: topologyOf('cache-aside')!,
      palette,
      caption: 'Do you have User 123?',
      scale: 2,
    });
    const svg = container.querySelector('svg')!;
    expect([svg.getAttribute('width'), svg.getAttribute('height')]).toEqual(['520', '244']);
    const box = container.querySelector('[data-thumb-node=redis] rect')!;
    expect([box.getAttribute('stroke'), box.getAttribute('fill')]).toEqual(['#c7362b', '#f8e7e6']);
    expect(
      container.querySelector<SVGGElement>('[data-thumb-node=redis]')!.getAttribute('style'),
    ).toBeNull();
    expect(container.querySelector('text')?.textContent).toBe('Do you have User 123?');
  });
});
