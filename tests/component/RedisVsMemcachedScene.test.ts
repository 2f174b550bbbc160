// @vitest-environment jsdom
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenarios';
import RedisVsMemcached from '../../src/views/scenes/RedisVsMemcached.svelte';

describe('RedisVsMemcached scene', () => {
  it('plots each stored write of the shared list once, left to right in stored order, the overwritten ones red', () => {
    const { trace, outcome } = runScenario('redis-vs-memcached');
    const end = trace.entries[trace.entries.length - 1].t;
    render(RedisVsMemcached, {
      trace,
      state: trace.stateAt(end),
      tNs: end,
      params: {},
      outcome,
    });
    const chart = screen.getByRole('img', { name: /in the order Memcached stored it/ });
    const dots = [...chart.querySelectorAll('circle')];
    const xs = dots.map((c) => Number(c.getAttribute('cx')));
    // One column per write: no two dots stacked on each other, in order.
    expect(dots.length).toBeGreaterThan(1);
    for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1]);
    const lost = dots.filter((c) => c.classList.contains('lost')).length;
    const mc = (outcome as { memcached: { stored: number; lostUpdates: number } }).memcached;
    // Besides the first write of the empty list (version 0), one dot per stored append.
    const appends = dots.filter((c) => !/wrote version 0\b/.test(c.textContent ?? ''));
    expect(appends.length).toBe(mc.stored);
    expect(lost).toBe(mc.lostUpdates);
    expect(lost).toBeGreaterThan(0);
    expect(screen.getByText(new RegExp(`· ${lost} overwritten`))).toBeInTheDocument();
  });
});
