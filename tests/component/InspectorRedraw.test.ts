// @vitest-environment jsdom
import { render } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { Trace, type Topology } from '../../src/sim';
import type { TraceEntry } from '../../src/sim/traceEntry';
import Inspector from '../../src/views/Inspector.svelte';
import * as format from '../../src/views/inspectorFormat';

vi.mock('../../src/views/inspectorFormat', { spy: true });

const topology: Topology = { nodes: [{ id: 'redis', kind: 'redis' }], links: [] };
const key = (i: number, v: string, t: number): TraceEntry => ({
  k: 'data',
  t,
  node: 'redis',
  key: `k:${i}`,
  value: { type: 'string', value: v, expiresAtMs: null },
});

describe('Inspector redraws what changed', () => {
  it('a tick that changes one key of 150 formats one row; a tick of the clock alone formats none', async () => {
    const entries: TraceEntry[] = [];
    for (let i = 0; i < 150; i++) entries.push(key(i, 'a', i));
    entries.push(key(7, 'b', 200));
    const trace = new Trace(entries);
    const { rerender, container } = render(Inspector, {
      topology,
      view: trace.stateAtIndex(149),
      tNs: 0,
    });
    expect(container.querySelectorAll('tr[data-key]')).toHaveLength(150);
    const spy = vi.mocked(format.formatValue);
    spy.mockClear();
    await rerender({ topology, view: trace.stateAtIndex(149), tNs: 1_000 });
    expect(spy).not.toHaveBeenCalled();
    await rerender({ topology, view: trace.stateAtIndex(150), tNs: 2_000 });
    // The changed row's cell and its title: nothing else.
    expect(spy).toHaveBeenCalledTimes(2);
    expect(container.querySelector('tr[data-key="k:7"] .value')).toHaveTextContent('"b"');
  });
});
