// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { cacheAside } from '../../src/scenarios/cacheAside';
import { normalizeParams, type ParamValues } from '../../src/scenarios/spec';
import ParamsPanel from '../../src/views/ParamsPanel.svelte';

const specs = cacheAside.params;
const defaults = (): ParamValues => normalizeParams(specs, {}).values;

/** Renders the panel the way App drives it: each change and the reset come back as `values`. */
function panel() {
  let values = defaults();
  const props = {
    specs,
    values,
    group: 'parameter' as const,
    onchange: vi.fn((name: string, v: number | boolean | string) => {
      values = { ...values, [name]: v };
      void view.rerender({ values });
    }),
    onreset: vi.fn(() => {
      values = defaults();
      void view.rerender({ values });
    }),
  };
  const view = render(ParamsPanel, props);
  return props;
}

async function type(label: string, text: string): Promise<HTMLElement> {
  const box = screen.getByLabelText(label);
  await fireEvent.input(box, { target: { value: text } });
  await fireEvent.change(box, { target: { value: text } });
  return box;
}

describe('ParamsPanel', () => {
  it('Reset to defaults puts the defaults back in the boxes and clears their messages', async () => {
    const props = panel();
    await type('Key TTL', '999');
    await type('Pause between reads', '-1');
    expect(props.onchange).toHaveBeenCalledWith('ttlSec', 300);
    expect(props.onchange).toHaveBeenCalledWith('gapMs', 10);
    expect(screen.getAllByRole('alert')).toHaveLength(2);

    await fireEvent.click(screen.getByRole('button', { name: 'Reset to defaults' }));
    expect(props.onreset).toHaveBeenCalledTimes(1);
    expect(screen.getByLabelText('Key TTL')).toHaveValue('30');
    expect(screen.getByLabelText('Pause between reads')).toHaveValue('500');
    expect(screen.queryByRole('alert')).toBeNull();
    for (const label of ['Key TTL', 'Pause between reads'])
      expect(screen.getByLabelText(label)).toHaveAttribute('aria-invalid', 'false');
  });

  it('Reset to defaults clears invalid text even when the value was already the default', async () => {
    panel();
    await type('Key TTL', '4x');
    expect(screen.getByRole('alert')).toHaveTextContent('not a number');
    await fireEvent.click(screen.getByRole('button', { name: 'Reset to defaults' }));
    expect(screen.getByLabelText('Key TTL')).toHaveValue('30');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a value changed from outside replaces the typed text and its message', async () => {
    const onchange = vi.fn();
    const view = render(ParamsPanel, {
      specs,
      values: defaults(),
      group: 'parameter',
      onchange,
    });
    await type('Key TTL', '999');
    expect(screen.getByRole('alert')).toHaveTextContent('using 300 s');
    // The run never took 300 (say it failed and was undone); then something else sets 45.
    await view.rerender({ values: { ...defaults(), ttlSec: 45 } });
    expect(screen.getByLabelText('Key TTL')).toHaveValue('45');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps the clamp message when the committed value comes back', async () => {
    panel();
    const ttl = await type('Key TTL', '999');
    expect(ttl).toHaveValue('300');
    expect(screen.getByRole('alert')).toHaveTextContent('Above the maximum 300 s: using 300 s.');
  });
});
