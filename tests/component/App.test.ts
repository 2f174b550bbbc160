// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import App from '../../src/views/App.svelte';
import { URL_DEFAULTS, type UrlState } from '../../src/views/url';

beforeAll(() => {
  // jsdom has no ResizeObserver (Svelte's size bindings use one) and no rAF-driven layout.
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver;
});

const url = (over: Partial<UrlState> = {}): UrlState => ({ ...URL_DEFAULTS, params: {}, ...over });

describe('App', () => {
  it('render(App, {url: {s: null}}) shows the home view with scenario cards', () => {
    render(App, { url: url(), writeHash: vi.fn() });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Watch a cache work');
    expect(
      screen.getByRole('button', { name: /Open “Do you have User 123\?”/ }),
    ).toBeInTheDocument();
  });

  it('render(App, {url: {s: "cache-aside"}}) steps with → and ← while the player has focus', async () => {
    render(App, { url: url({ s: 'cache-aside' }), writeHash: vi.fn() });
    const player = screen.getByRole('region', { name: /^Player/ });
    const stage = within(player).getByRole('group', { name: /^Stage/ });
    stage.focus();
    expect(player).toHaveAttribute('data-frame', '0');
    await fireEvent.keyDown(stage, { key: 'ArrowRight' });
    await fireEvent.keyDown(stage, { key: 'ArrowRight' });
    expect(player).toHaveAttribute('data-frame', '2');
    await fireEvent.keyDown(stage, { key: 'ArrowLeft' });
    expect(player).toHaveAttribute('data-frame', '1');
    await fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(player).toHaveAttribute('data-frame', '1');
  });

  it('lists ignored URL fields in a dismissible notice', async () => {
    render(App, {
      url: url({ s: 'cache-aside', params: { ttlSec: 'abc' } }),
      ignored: ['speed=3'],
      writeHash: vi.fn(),
    });
    const toast = screen
      .getByText(/Some link settings were ignored/)
      .closest('.toast') as HTMLElement;
    expect(toast).toHaveTextContent('speed=3');
    expect(toast).toHaveTextContent('p.ttlSec=abc');
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss notice' }));
    expect(screen.queryByText(/Some link settings were ignored/)).toBeNull();
  });

  it('switches panels with the tabs', async () => {
    render(App, { url: url({ s: 'cache-aside' }), writeHash: vi.fn() });
    await fireEvent.click(screen.getByRole('tab', { name: 'Latency' }));
    expect(screen.getByRole('tabpanel')).toHaveTextContent('Postgres query time');
    await fireEvent.click(screen.getByRole('tab', { name: 'Console' }));
    expect(screen.getByRole('textbox', { name: 'Redis command' })).toBeInTheDocument();
  });
});
