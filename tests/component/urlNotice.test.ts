// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import App from '../../src/views/App.svelte';
import Toast from '../../src/views/Toast.svelte';
import { frameNotice, URL_DEFAULTS, type UrlState } from '../../src/views/url';

beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver;
});

const url = (over: Partial<UrlState> = {}): UrlState => ({ ...URL_DEFAULTS, params: {}, ...over });

describe('frameNotice', () => {
  it.each([
    { args: [3, 10], expected: null },
    { args: [9, 10], expected: null },
    { args: [10, 10], expected: 'f=10: past the end, showing the last frame (9)' },
    { args: [99999, 40], expected: 'f=99999: past the end, showing the last frame (39)' },
    { args: [5, 0], expected: 'f=5: the run has no frames' },
  ] as { args: [number, number]; expected: string | null }[])(
    'frameNotice($args) is $expected',
    ({ args, expected }) => {
      expect(frameNotice(...args)).toBe(expected);
    },
  );
});

describe('the URL notice for a frame past the end', () => {
  it('says the last frame is shown, not that the frame was ignored', async () => {
    render(App, { url: url({ s: 'cache-aside', f: 99999 }), writeHash: vi.fn() });
    const player = screen.getByRole('region', { name: /^Player/ });
    const last = Number(player.getAttribute('data-frame'));
    expect(last).toBeGreaterThan(0);
    const toast = screen.getByText(/past the end/).closest('.toast') as HTMLElement;
    expect(toast).toHaveTextContent(`f=99999: past the end, showing the last frame (${last})`);
    expect(toast).not.toHaveTextContent('ignored');
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss notice' }));
    expect(screen.queryByText(/past the end/)).toBeNull();
  });

  it('keeps ignored settings under their title next to the frame note', () => {
    render(Toast, {
      title: 'Some link settings were ignored (defaults used):',
      items: ['speed=3'],
      notes: ['f=99999: past the end, showing the last frame (39)'],
      ondismiss: vi.fn(),
    });
    const toast = screen.getByRole('status');
    expect(toast).toHaveTextContent('Some link settings were ignored (defaults used): speed=3');
    expect(toast).toHaveTextContent('f=99999: past the end, showing the last frame (39)');
  });
});

describe('a link with an out-of-range number, and with interventions', () => {
  it('clamps the number and says so in words, with the label and unit', () => {
    render(App, { url: url({ s: 'cache-aside', params: { ttlSec: '9999' } }), writeHash: vi.fn() });
    const toast = screen.getByText(/Key TTL is at most/).closest('.toast') as HTMLElement;
    expect(toast).toHaveTextContent('Key TTL is at most 300 s; using 300');
    expect(toast).not.toHaveTextContent('p.ttlSec=9999');
  });

  it('replays the interventions from the start and writes them back to the hash', async () => {
    vi.useFakeTimers();
    try {
      const writeHash = vi.fn();
      const iv = [{ tNs: 1_000_000, kind: 'crash' as const, node: 'redis' }];
      render(App, { url: url({ s: 'cache-aside', iv }), writeHash });
      expect(screen.getByRole('list', { name: 'Interventions' })).toBeInTheDocument();
      await vi.advanceTimersByTimeAsync(1100);
      const last = writeHash.mock.calls.at(-1)?.[0] as string;
      expect(new URLSearchParams(last).get('iv')).toMatch(/^1\./);
    } finally {
      vi.useRealTimers();
    }
  });
});
