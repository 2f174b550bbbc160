import { describe, expect, it } from 'vitest';
import type { Packet } from '../../src/sim';
import { linkId, packetProgress, pillText, placePacket } from '../../src/views/packetPlacement';
import { layoutStage } from '../../src/views/stageLayout';

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
