// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ShareDialog from '../../../src/views/ShareDialog.svelte';
import type { ExportPlayer } from '../../../src/views/export/exportTarget';
import { captionAt, exportRegion } from '../../../src/views/export/exportTarget';

/** A player standing on `frame` of a run of `count` frames, one narration per frame. */
function fakePlayer(frame: number, count: number): ExportPlayer {
  const frames = Array.from({ length: count }, (_, i) => ({ t: i * 1000 }));
  return {
    frame,
    frameCount: count,
    tNs: frames[frame].t,
    playing: false,
    trace: {
      frames,
      stateAt: (t: number) => ({
        narration:
          t === 0 ? null : { text: `beat at ${t}`, step: t > 2000 ? 'Step 2 of 3' : undefined },
      }),
    },
    pause: () => {},
    seekFrame: () => {},
    seekTime: () => {},
  };
}

const props = {
  open: true,
  base: 'https://example.org/',
  hash: 's=x',
  title: 'X',
  onclose: () => {},
};

describe('ShareDialog export section', () => {
  it('is absent without a player (share alone still works)', () => {
    render(ShareDialog, props);
    expect(screen.queryByRole('heading', { name: 'Export' })).toBeNull();
    expect(screen.getByLabelText('Link to this frame')).toBeInTheDocument();
  });

  it('offers stills of this frame and a range around it, numbered as the timeline counts', () => {
    render(ShareDialog, { ...props, scenario: 'cache-aside', player: fakePlayer(50, 86) });
    expect(screen.getByRole('heading', { name: 'Export' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'This frame (51 of 86)' })).toBeInTheDocument();
    for (const name of ['PNG 1×', 'PNG 2×', 'SVG 1×', 'SVG 2×', 'GIF'])
      expect(screen.getByRole('button', { name })).toBeEnabled();
    const stills = screen.getByRole('group', { name: 'This frame (51 of 86)' });
    expect([...stills.querySelectorAll('button')].map((b) => b.textContent)).toEqual([
      'PNG 1×',
      'PNG 2×',
      'SVG 1×',
      'SVG 2×',
    ]);
    // Frames 36 to 66 (indices 35 to 65): the current one and 15 either side.
    expect(screen.getByLabelText('From frame')).toHaveValue(36);
    expect(screen.getByLabelText('To frame')).toHaveValue(66);
    expect(screen.getByLabelText('Width')).toHaveValue('640');
    expect(screen.getByLabelText('Narration as captions')).toBeChecked();
  });

  it('says what is wrong with a range and disables the animation buttons until it is fixed', async () => {
    render(ShareDialog, { ...props, scenario: 'cache-aside', player: fakePlayer(5, 86) });
    const from = screen.getByLabelText('From frame');
    await fireEvent.input(from, { target: { value: '9' } });
    await fireEvent.input(screen.getByLabelText('To frame'), { target: { value: '3' } });
    expect(screen.getByText('“From” must not be after “To”.')).toBeInTheDocument();
    expect(from).toHaveAttribute('aria-invalid', 'true');
    expect(from).toHaveAccessibleDescription('“From” must not be after “To”.');
    expect(screen.getByRole('button', { name: 'GIF' })).toBeDisabled();
    await fireEvent.input(from, { target: { value: '2' } });
    expect(screen.getByRole('button', { name: 'GIF' })).toBeEnabled();
    expect(from).toHaveAttribute('aria-invalid', 'false');
  });

  it('disables WebM, saying why, where the browser has no video encoder', () => {
    expect(typeof (globalThis as { VideoEncoder?: unknown }).VideoEncoder).toBe('undefined');
    render(ShareDialog, { ...props, scenario: 'x', player: fakePlayer(0, 4) });
    expect(screen.getByRole('button', { name: 'WebM video' })).toBeDisabled();
    expect(screen.getByText(/cannot encode video/)).toBeInTheDocument();
  });
});

describe('captionAt', () => {
  it('reads the narration at a frame, with its lesson step', () => {
    const p = fakePlayer(0, 5);
    expect(captionAt(p, 0)).toBe('');
    expect(captionAt(p, 1)).toBe('beat at 1000');
    expect(captionAt(p, 3)).toBe('Step 2 of 3 — beat at 3000');
    expect(captionAt(p, 9)).toBe('');
  });
});

describe('exportRegion', () => {
  it('is the player section’s stage row and scene view, in page order', () => {
    document.body.innerHTML = `<section class="player"><div class="toolbar"></div>
      <div class="stage-row" id="a"></div><div class="scene" id="b"></div><div class="narration"></div></section>`;
    expect(exportRegion().map((e) => e.id)).toEqual(['a', 'b']);
    document.body.innerHTML = `<section class="player"><div class="stage-row" id="a"></div></section>`;
    expect(exportRegion().map((e) => e.id)).toEqual(['a']);
  });
});
