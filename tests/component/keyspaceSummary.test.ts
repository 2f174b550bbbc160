// @vitest-environment jsdom
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenarios';
import Inspector from '../../src/views/Inspector.svelte';
import { keyspaceSummary } from '../../src/views/persistence/keyspaceSummary';

describe('a keyspace recorded as ranges (#keyspace)', () => {
  it('reads as a count and the ranges', () => {
    expect(keyspaceSummary({ '#keyspace': { keys: 1980, ranges: ['k:1..k:1980'] } })).toBe(
      '1,980 keys: k:1..k:1980',
    );
    expect(keyspaceSummary({ '#keyspace': { keys: 1, ranges: ['k:1'] } })).toBe('1 key: k:1');
    expect(keyspaceSummary({ '#keyspace': { keys: 0, ranges: [] } })).toBe('(empty: no keys)');
    expect(keyspaceSummary({ x: 1 })).toBeNull();
    const many = Array.from({ length: 20 }, (_, i) => `k:${i * 3}`);
    expect(keyspaceSummary({ '#keyspace': { keys: 20, ranges: many } })).toBe(
      `20 keys: ${many.slice(0, 12).join(', ')} and 8 more ranges`,
    );
  });

  it('the Inspector shows the count and ranges mid-run, not "(empty: no keys)"', () => {
    const run = runScenario('persistence-rdb-vs-aof');
    const mid = run.trace.frames[Math.floor(run.trace.frames.length / 2)];
    render(Inspector, { topology: run.topology, view: run.trace.stateAt(mid.t), tNs: mid.t });
    const ks = screen.getByRole('region', { name: /keyspace on aof-always/ });
    expect(ks).not.toHaveTextContent('(empty: no keys)');
    expect(ks.textContent).toMatch(/[\d,]+ keys: k:1\.\.k:\d+/);
  });
});
