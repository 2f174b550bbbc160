// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { ParamSpec } from '../../src/scenarios/spec';
import ParamField from '../../src/views/ParamField.svelte';
import { checkNumberInput } from '../../src/views/paramInput';

const ttl: ParamSpec = {
  name: 'ttlSec',
  label: 'Key TTL',
  type: 'number',
  default: 30,
  min: 1,
  max: 300,
  step: 1,
  unit: 's',
};

describe('checkNumberInput', () => {
  it.each([
    { args: ['12', 30], expected: { value: 12, message: null } },
    { args: ['0', 30], expected: { value: 1, message: 'Below the minimum 1 s: using 1 s.' } },
    {
      args: ['900', 30],
      expected: { value: 300, message: 'Above the maximum 300 s: using 300 s.' },
    },
    {
      args: ['abc', 30],
      expected: { value: null, message: '“abc” is not a number; still using 30 s.' },
    },
    { args: ['', 30], expected: { value: null, message: '“” is not a number; still using 30 s.' } },
  ] as { args: [string, number]; expected: unknown }[])(
    'checkNumberInput(ttl, $args)',
    ({ args, expected }) => {
      expect(checkNumberInput(ttl, ...args)).toEqual(expected);
    },
  );
});

describe('ParamField', () => {
  it('shows the label, unit and range, and commits a typed value on change', async () => {
    const onchange = vi.fn();
    render(ParamField, { spec: ttl, value: 30, onchange });
    expect(screen.getByText('1–300 s')).toBeInTheDocument();
    const box = screen.getByLabelText('Key TTL');
    await fireEvent.input(box, { target: { value: '45' } });
    await fireEvent.change(box, { target: { value: '45' } });
    expect(onchange).toHaveBeenLastCalledWith('ttlSec', 45);
  });

  it('keeps invalid text in the box with a message, and does not commit it', async () => {
    const onchange = vi.fn();
    render(ParamField, { spec: ttl, value: 30, onchange });
    const box = screen.getByLabelText('Key TTL');
    await fireEvent.input(box, { target: { value: '4x' } });
    await fireEvent.change(box, { target: { value: '4x' } });
    expect(onchange).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('not a number');
    expect(box).toHaveValue('4x');
    expect(box).toHaveAttribute('aria-invalid', 'true');
  });

  it('clamps an out-of-range value and says so', async () => {
    const onchange = vi.fn();
    render(ParamField, { spec: ttl, value: 30, onchange });
    const box = screen.getByLabelText('Key TTL');
    await fireEvent.change(box, { target: { value: '9000' } });
    expect(onchange).toHaveBeenLastCalledWith('ttlSec', 300);
    expect(screen.getByRole('alert')).toHaveTextContent('using 300 s');
  });
});
