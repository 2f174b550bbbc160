// @vitest-environment jsdom
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Narration from '../../src/views/Narration.svelte';
import { miniTrace } from './fixtures';

describe('Narration', () => {
  it('render(Narration, {narration}) is a polite status region naming the step', () => {
    const trace = miniTrace();
    render(Narration, { narration: trace.stateAtFrame(1).narration });
    const status = screen.getByRole('status');
    expect(status).toHaveAttribute('aria-live', 'polite');
    expect(status).toHaveTextContent('Step 1 of 6 · Ask Redis');
    expect(status).toHaveTextContent('web-1 asks Redis.');
  });

  it('the text changes with the frame', async () => {
    const trace = miniTrace();
    const { rerender } = render(Narration, { narration: trace.stateAtFrame(0).narration });
    expect(screen.getByRole('status')).toHaveTextContent('A browser asks for user 123.');
    await rerender({ narration: trace.stateAtFrame(2).narration });
    expect(screen.getByRole('status')).toHaveTextContent('Step 6 of 6 · Cache hit');
    expect(screen.getByRole('status')).not.toHaveTextContent('A browser asks');
  });

  it('shows a placeholder before the first beat', () => {
    render(Narration, { narration: null });
    expect(screen.getByRole('status')).toHaveTextContent('Press play');
  });
});
