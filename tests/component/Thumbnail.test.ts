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
});
