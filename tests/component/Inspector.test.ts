// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { Trace, type Topology } from '../../src/sim';
import Inspector from '../../src/views/Inspector.svelte';
import { formatTtl } from '../../src/views/inspectorFormat';
import { miniTrace } from './fixtures';

const MS = 1_000_000;
const topology: Topology = {
  nodes: [
    { id: 'browser', kind: 'client' },
    { id: 'web-1', kind: 'webServer' },
    { id: 'redis', kind: 'redis' },
    { id: 'postgres', kind: 'postgres' },
  ],
  links: [],
};

describe('Inspector', () => {
  it('shows an empty keyspace before the SET', () => {
    const trace = miniTrace();
    render(Inspector, { topology, view: trace.stateAtFrame(0), tNs: 0 });
    const ks = screen.getByRole('region', { name: /keyspace on redis/ });
    expect(ks).toHaveTextContent('(empty: no keys)');
  });

  it('shows keys with their type, value and a live TTL that counts down', async () => {
    const trace = miniTrace();
    const { rerender } = render(Inspector, {
      topology,
      view: trace.stateAtFrame(2),
      tNs: 10.25 * MS,
    });
    const row = screen
      .getByRole('region', { name: /keyspace on redis/ })
      .querySelector('tr[data-key="user:123"]');
    expect(row).not.toBeNull();
    const cells = within(row as HTMLElement).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent('user:123');
    expect(cells[1]).toHaveTextContent('string');
    expect(cells[2]).toHaveTextContent('"{"id":123}"');
    expect(cells[3]).toHaveTextContent('30 s');
    await rerender({ topology, view: trace.stateAtFrame(3), tNs: 2000.25 * MS });
    const row2 = screen
      .getByRole('region', { name: /keyspace on redis/ })
      .querySelector('tr[data-key="user:123"]');
    expect(within(row2 as HTMLElement).getAllByRole('cell')[3]).toHaveTextContent('28 s');
  });

  it('shows machine states of servers and a persistence section', () => {
    const trace = miniTrace();
    render(Inspector, { topology, view: trace.stateAtFrame(2), tNs: 10.25 * MS });
    expect(screen.getByRole('region', { name: /Persistence on redis/ })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: /keyspace on redis/ })).toHaveTextContent('busy');
    expect(screen.getByRole('region', { name: /Servers and clients/ })).toHaveTextContent('web-1');
  });

  it('caps long keyspace and Postgres tables and counts the rest, from overlay views', () => {
    const entries = Array.from({ length: 500 }, (_, i) => [
      { k: 'data' as const, t: i, node: 'redis', key: `k:${i}`, value: i },
      { k: 'data' as const, t: i, node: 'postgres', key: `row:${i}`, value: { id: i } },
    ]).flat();
    const trace = new Trace(entries, 64);
    render(Inspector, { topology, view: trace.stateAtIndex(entries.length - 1), tNs: 0 });
    const ks = screen.getByRole('region', { name: /keyspace on redis/ });
    expect(ks.querySelectorAll('tbody tr')).toHaveLength(200);
    expect(ks).toHaveTextContent('… and 300 more keys');
    const pg = screen.getByRole('region', { name: /Postgres rows on postgres/ });
    expect(pg.querySelectorAll('tbody tr')).toHaveLength(200);
    expect(pg).toHaveTextContent('… and 300 more rows');
    // Natural order: k:2 before k:10.
    const keys = [...ks.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-key'));
    expect(keys.slice(0, 3)).toEqual(['k:0', 'k:1', 'k:2']);
  });

  it.each([
    { args: [null, 0], expected: 'no TTL' },
    { args: [30_000, 0], expected: '30 s' },
    { args: [30_000, 29_999.5 * MS], expected: '500 µs' },
    { args: [30_000, 29_500 * MS], expected: '500 ms' },
    { args: [30_000, 30_000 * MS], expected: 'expired' },
  ] as { args: [number | null, number]; expected: string }[])(
    'formatTtl($args) is $expected',
    ({ args, expected }) => {
      expect(formatTtl(...args)).toBe(expected);
    },
  );
});
