// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { normalizeParams, type ParamSpec } from '../../src/scenarios/spec';
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
    {
      args: ['12.4', 30],
      expected: { value: 12, message: 'Rounded to the step of 1 s: using 12 s.' },
    },
    { args: ['12,0', 30], expected: { value: 12, message: null } },
  ] as { args: [string, number]; expected: unknown }[])(
    'checkNumberInput(ttl, $args)',
    ({ args, expected }) => {
      expect(checkNumberInput(ttl, ...args)).toEqual(expected);
    },
  );
});

describe('checkNumberInput snaps to the step from min, as normalizeParams does', () => {
  const reads: ParamSpec = { ...ttl, name: 'requests', unit: undefined, min: 2, max: 20 };
  const gap: ParamSpec = { ...ttl, name: 'gapMs', unit: 'ms', min: 10, max: 5000, step: 10 };
  const odd: ParamSpec = { ...ttl, name: 'odd', unit: undefined, min: 1, max: 10, step: 2 };
  const tenth: ParamSpec = { ...ttl, name: 'ratio', unit: undefined, min: 0, max: 1, step: 0.1 };
  it.each([
    {
      spec: reads,
      text: '5.4',
      expected: { value: 5, message: 'Rounded to the step of 1: using 5.' },
    },
    { spec: reads, text: '5', expected: { value: 5, message: null } },
    {
      spec: gap,
      text: '123',
      expected: { value: 120, message: 'Rounded to the step of 10 ms: using 120 ms.' },
    },
    { spec: odd, text: '4', expected: { value: 5, message: 'Rounded to the step of 2: using 5.' } },
    { spec: odd, text: '99', expected: { value: 9, message: 'Above the maximum 10: using 9.' } },
    { spec: tenth, text: '0.3', expected: { value: 0.3, message: null } },
    {
      spec: tenth,
      text: '0.34',
      expected: { value: 0.3, message: 'Rounded to the step of 0.1: using 0.3.' },
    },
  ])('checkNumberInput($spec.name, $text)', ({ spec, text, expected }) => {
    const got = checkNumberInput(spec, text, 1);
    expect(got).toEqual(expected);
    expect(normalizeParams([spec], { [spec.name]: got.value }).values[spec.name]).toBe(got.value);
  });
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
    expect(box).toHaveValue('300');
  });

  it('shows a value snapped to the step, says so, and commits it', async () => {
    const onchange = vi.fn();
    const reads: ParamSpec = { ...ttl, name: 'requests', label: 'Reads', unit: undefined };
    render(ParamField, { spec: reads, value: 5, onchange });
    const box = screen.getByLabelText('Reads');
    await fireEvent.input(box, { target: { value: '5.4' } });
    await fireEvent.change(box, { target: { value: '5.4' } });
    expect(onchange).toHaveBeenLastCalledWith('requests', 5);
    expect(box).toHaveValue('5');
    expect(screen.getByRole('alert')).toHaveTextContent('Rounded to the step of 1: using 5.');
  });
});
