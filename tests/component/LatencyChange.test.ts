// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { runScenario } from '../../src/scenarios';
import LatencyChange from '../../src/views/LatencyChange.svelte';
import { Session } from '../../src/views/Session.svelte';

const topology = runScenario('sandbox', { params: { webServers: 2, postgres: true } }).topology;

async function typeUs(text: string): Promise<void> {
  const box = screen.getByLabelText('New latency (µs)');
  await fireEvent.input(box, { target: { value: text } });
}

describe('LatencyChange', () => {
  it('offers every link (one way) and each node with a per-operation cost, labelled', () => {
    render(LatencyChange, { topology, tNs: 0, onchange: vi.fn() });
    const what = screen.getByLabelText<HTMLSelectElement>('What');
    expect([...what.options].map((o) => o.text)).toEqual([
      'web-1 ↔ redis (one way)',
      'web-1 ↔ postgres (one way)',
      'web-2 ↔ redis (one way)',
      'web-2 ↔ postgres (one way)',
      'redis: time per command',
      'postgres: time per query',
    ]);
    expect(screen.getByRole('form', { name: 'Change a latency now' })).toBeTruthy();
  });

  it('applies a link change at the moment on screen: node, peer and µs', async () => {
    const onchange = vi.fn();
    render(LatencyChange, { topology, tNs: 1_500_000, onchange });
    await fireEvent.change(screen.getByLabelText('What'), { target: { value: 'web-2|redis' } });
    await typeUs('3000');
    await fireEvent.click(screen.getByRole('button', { name: 'Change at 1.5 ms' }));
    expect(onchange).toHaveBeenCalledWith('web-2', 'redis', 3000);
  });

  it("applies a node's per-operation cost without a peer", async () => {
    const onchange = vi.fn();
    render(LatencyChange, { topology, tNs: 0, onchange });
    await fireEvent.change(screen.getByLabelText('What'), { target: { value: 'redis' } });
    await typeUs('0.5');
    await fireEvent.submit(screen.getByRole('form'));
    expect(onchange).toHaveBeenCalledWith('redis', undefined, 0.5);
  });

  it('refuses an empty or negative value and says why, without changing anything', async () => {
    const onchange = vi.fn();
    render(LatencyChange, { topology, tNs: 0, onchange });
    await fireEvent.submit(screen.getByRole('form'));
    expect(screen.getByRole('alert').textContent).toContain('microseconds');
    await typeUs('-5');
    await fireEvent.submit(screen.getByRole('form'));
    expect(onchange).not.toHaveBeenCalled();
    expect(screen.getByLabelText('New latency (µs)').getAttribute('aria-invalid')).toBe('true');
  });

  it('drives a sandbox Session: the change replays into the trace, and Undo takes it back', async () => {
    const s = new Session('sandbox', {});
    const t = 1_000_000;
    s.player!.seekTime(t);
    render(LatencyChange, {
      topology: s.run!.topology,
      tNs: t,
      onchange: (node: string, peer: string | undefined, us: number) =>
        s.intervene({ tNs: t, kind: 'latency', node, ...(peer ? { peer } : {}), us }),
    });
    await typeUs('4000');
    await fireEvent.submit(screen.getByRole('form'));
    expect(s.interventions).toEqual([
      { tNs: t, kind: 'latency', node: 'web-1', peer: 'redis', us: 4000 },
    ]);
    s.command('web-1', 'redis', ['PING']);
    const pings = () =>
      s
        .run!.trace.ofKind('send')
        .filter((e) => e.p.from === 'web-1' && e.p.to === 'redis' && e.t >= t);
    expect(pings().map((e) => e.p.deliverNs - e.p.sentNs)).toEqual([4_000_000]);
    const withBoth = JSON.stringify(s.run!.trace);
    s.undo(); // drops the command
    s.undo(); // drops the latency change
    expect(s.interventions).toEqual([]);
    expect(JSON.stringify(s.run!.trace)).toBe(JSON.stringify(runScenario('sandbox', {}).trace));
    expect(JSON.stringify(s.run!.trace)).not.toBe(withBoth);
    s.dispose();
  });
});
