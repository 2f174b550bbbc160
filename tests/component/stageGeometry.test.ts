import { describe, expect, it } from 'vitest';
import type { Packet } from '../../src/sim';
import { linkId, packetProgress, pillText, placePacket } from '../../src/views/packetPlacement';
import { layoutStage, nodeLabel, type PlacedNode } from '../../src/views/stageLayout';

const topology = {
  nodes: [
    { id: 'browser', kind: 'client' },
    { id: 'web-1', kind: 'webServer' },
    { id: 'redis', kind: 'redis' },
    { id: 'postgres', kind: 'postgres' },
  ],
  links: [
    ['browser', 'web-1'],
    ['web-1', 'redis'],
    ['web-1', 'postgres'],
  ] as [string, string][],
};

describe('packetProgress', () => {
  it.each([
    { args: [0, 100, -5], expected: 0 },
    { args: [0, 100, 0], expected: 0 },
    { args: [0, 100, 25], expected: 0.25 },
    { args: [0, 100, 100], expected: 1 },
    { args: [0, 100, 500], expected: 1 },
    { args: [50, 50, 50], expected: 1 },
  ] as { args: [number, number, number]; expected: number }[])(
    'packetProgress($args) is $expected',
    ({ args, expected }) => {
      expect(packetProgress(...args)).toBe(expected);
    },
  );
});

describe('layoutStage', () => {
  it('layoutStage(topology, w, h) puts columns by kind left to right inside the stage', () => {
    const { nodes, links } = layoutStage(topology, 800, 400);
    const x = Object.fromEntries(nodes.map((n) => [n.id, n.x]));
    expect(x.browser).toBeLessThan(x['web-1']);
    expect(x['web-1']).toBeLessThan(x.redis);
    expect(x.redis).toBe(x.postgres);
    for (const n of nodes) {
      expect(n.x - n.w / 2).toBeGreaterThanOrEqual(0);
      expect(n.x + n.w / 2).toBeLessThanOrEqual(800);
      expect(n.y - n.h / 2).toBeGreaterThanOrEqual(0);
      expect(n.y + n.h / 2).toBeLessThanOrEqual(400);
    }
    expect(links).toHaveLength(3);
  });

  it('layoutStage(..., layout) honours the given [column, row] cells', () => {
    const { nodes } = layoutStage(topology, 800, 400, {
      browser: [0, 0],
      'web-1': [1, 0],
      redis: [2, 0],
      postgres: [2, 1],
    });
    const byId = Object.fromEntries(nodes.map((n) => [n.id, n]));
    expect(byId.redis.y).toBeLessThan(byId.postgres.y);
    expect(byId.browser.y).toBe(byId.redis.y);
  });

  it('layoutStage wraps a column too tall for the stage into side-by-side columns', () => {
    const many = {
      nodes: [
        ...Array.from({ length: 8 }, (_, i) => ({ id: `web-${i + 1}`, kind: 'webServer' })),
        { id: 'memcached', kind: 'memcached' },
        { id: 'redis', kind: 'redis' },
      ],
      links: [] as [string, string][],
    };
    for (const [w, h] of [
      [465, 125],
      [670, 250],
    ]) {
      const { nodes } = layoutStage(many, w, h);
      const webs = nodes.filter((n) => n.kind === 'webServer');
      const store = nodes.find((n) => n.id === 'redis')!;
      // Every box keeps room for two lines of text, none overlaps another, all left of the stores.
      for (const n of nodes) expect(n.h).toBeGreaterThanOrEqual(25);
      for (const a of nodes)
        for (const b of nodes)
          if (a !== b)
            expect(
              Math.abs(a.x - b.x) >= (a.w + b.w) / 2 || Math.abs(a.y - b.y) >= (a.h + b.h) / 2,
            ).toBe(true);
      for (const n of webs) expect(n.x).toBeLessThan(store.x);
      expect(new Set(webs.map((n) => n.x)).size).toBeGreaterThan(1);
    }
    // A roomy stage keeps the one column.
    const tall = layoutStage(many, 800, 600).nodes.filter((n) => n.kind === 'webServer');
    expect(new Set(tall.map((n) => n.x)).size).toBe(1);
  });

  it('nodeLabel(n) keeps the name clear of the crash menu button, shrinking before shortening', () => {
    const node = (id: string, w: number, h: number, k: number): PlacedNode => ({
      id,
      kind: 'redis',
      x: 0,
      y: 0,
      w,
      h,
      k,
    });
    const overlaps = (n: PlacedNode, l: ReturnType<typeof nodeLabel>): boolean => {
      const base = n.h / 2 - 3 * n.k;
      const nameRight = 40 * n.k + n.id.length * 0.7 * l.size;
      return (
        l.menu.x < nameRight &&
        l.menu.x + l.menu.w > 40 * n.k &&
        l.menu.y < base + 0.25 * l.size &&
        l.menu.y + l.menu.h > base - 0.75 * l.size
      );
    };
    // Roomy box: "Crash ▾" astride the top edge, the name whole at full size.
    const roomy = node('aof-everysec', 200, 70, 1.25);
    const a = nodeLabel(roomy, true);
    expect(a).toMatchObject({ text: 'aof-everysec', size: 13.5 * 1.25 });
    expect(a.menu.compact).toBe(false);
    expect(a.menu.y + a.menu.h / 2).toBe(0);
    expect(overlaps(roomy, a)).toBe(false);
    // Short roomy box: the button would reach the name, so the name keeps out of its width.
    const short = node('aof-everysec', 200, 24, 1);
    const b = nodeLabel(short, true);
    expect(40 + b.text.length * 0.7 * b.size).toBeLessThanOrEqual(b.menu.x);
    // Small box: the glyph is the button; the name is whole, a little smaller when needed.
    const small = node('aof-everysec', 112, 24, 0.75);
    const c = nodeLabel(small, true);
    expect(c.menu.compact).toBe(true);
    expect(c.menu.x + c.menu.w).toBeLessThanOrEqual(40 * 0.75);
    expect(c.text).toBe('aof-everysec');
    expect(c.size).toBeLessThan(13.5 * 0.75);
    expect(c.size).toBeGreaterThanOrEqual(8.5);
    // Far too narrow: 8.5 px, then an ellipsis.
    const d = nodeLabel(node('a-very-long-node-name', 90, 24, 0.75), true);
    expect(d.size).toBe(8.5);
    expect(d.text.endsWith('…')).toBe(true);
    expect(30 + d.text.length * 0.7 * 8.5).toBeLessThanOrEqual(90 - 4);
    // With the font's real widths (here a narrow one) the same box keeps more of the name.
    const narrow = nodeLabel(
      node('a-very-long-node-name', 90, 24, 0.75),
      true,
      (t) => t.length * 0.4,
    );
    expect(narrow.text.length).toBeGreaterThan(d.text.length);
    expect(30 + narrow.text.length * 0.4 * narrow.size).toBeLessThanOrEqual(90 - 4);
  });

  it('placePacket(p, links, t) moves a packet from sender to receiver as a function of time', () => {
    const { links } = layoutStage(topology, 800, 400);
    const map = new Map(links.map((l) => [linkId(l.a, l.b), l]));
    const p: Packet = {
      id: 1,
      from: 'redis',
      to: 'web-1',
      kind: 'reply',
      label: '(nil)',
      sentNs: 0,
      deliverNs: 100,
      bytes: 5,
      payload: null,
    };
    const a = placePacket(p, map, 0)!;
    const b = placePacket(p, map, 50)!;
    const c = placePacket(p, map, 100)!;
    expect(a.x).toBeGreaterThan(b.x);
    expect(b.x).toBeGreaterThan(c.x);
    expect(placePacket(p, map, 50)).toEqual(b);
    expect(placePacket({ ...p, from: 'browser', to: 'redis' }, map, 0)).toBeNull();
  });

  it('pillText(label) shortens long labels with an ellipsis', () => {
    expect(pillText('GET user:123')).toBe('GET user:123');
    expect(pillText('x'.repeat(40), 10)).toBe('xxxxxxxxx…');
  });
});
