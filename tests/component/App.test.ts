// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
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

  it('render(App, {url: {s: "cache-aside"}}) takes → ← and digits from the moment it opens, not from fields', async () => {
    render(App, { url: url({ s: 'cache-aside' }), writeHash: vi.fn() });
    const player = screen.getByRole('region', { name: /^Player/ });
    expect(player).toHaveAttribute('data-frame', '0');
    // Nothing focused yet: the page itself receives the keys.
    await fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    await fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(player).toHaveAttribute('data-frame', '2');
    const stage = within(player).getByRole('group', { name: /^Stage/ });
    await fireEvent.keyDown(stage, { key: 'ArrowLeft' });
    expect(player).toHaveAttribute('data-frame', '1');
    await fireEvent.keyDown(document.body, { key: '6' });
    expect(screen.getByRole('combobox', { name: 'Speed' })).toHaveValue('8');
    // Typing in a field never moves the player.
    await fireEvent.click(screen.getByRole('tab', { name: 'Parameters' }));
    const field = screen.getByRole('textbox', { name: 'Key TTL' });
    await fireEvent.keyDown(field, { key: 'ArrowRight' });
    expect(player).toHaveAttribute('data-frame', '1');
  });

  it('pushes a history entry when a scenario is opened from home, and Back (popstate) returns home', async () => {
    const pushHistory = vi.fn();
    render(App, { url: url({ s: null }), writeHash: vi.fn(), pushHistory });
    await fireEvent.click(screen.getByRole('button', { name: /Open “Do you have User 123/ }));
    expect(pushHistory).toHaveBeenCalledWith(expect.stringContaining('#s=cache-aside'));
    expect(await screen.findByRole('region', { name: /^Player/ })).toBeInTheDocument();
    history.replaceState(null, '', '/');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await waitFor(() => expect(screen.queryByRole('region', { name: /^Player/ })).toBeNull());
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

  it('puts a Share button in the page header too (the toolbar hides at short heights), and it opens the dialog', async () => {
    render(App, { url: url({ s: 'cache-aside' }), writeHash: vi.fn() });
    const header = screen.getByRole('banner');
    const share = within(header).getByRole('button', { name: 'Share' });
    expect(share).toHaveAttribute('aria-haspopup', 'dialog');
    const dialog = document.querySelector(
      'dialog[aria-labelledby="share-title"]',
    ) as HTMLDialogElement;
    expect(dialog.open).toBe(false);
    await fireEvent.click(share);
    await waitFor(() => expect(dialog.open).toBe(true));
  });

  it('switches panels with the tabs', async () => {
    render(App, { url: url({ s: 'cache-aside' }), writeHash: vi.fn() });
    await fireEvent.click(screen.getByRole('tab', { name: 'Latency' }));
    expect(screen.getByRole('tabpanel')).toHaveTextContent('Postgres query time');
    await fireEvent.click(screen.getByRole('tab', { name: 'Console' }));
    expect(screen.getByRole('textbox', { name: 'Redis command' })).toBeInTheDocument();
  });
});
