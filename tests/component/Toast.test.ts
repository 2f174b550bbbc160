// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Toast from '../../src/views/Toast.svelte';

describe('Toast', () => {
  it('caps what it echoes per item and in count, and stays dismissible', async () => {
    const ondismiss = vi.fn();
    const items = [
      `p.x=${'A'.repeat(10_000)}`,
      ...Array.from({ length: 2000 }, (_, i) => `p.k${i}=1`),
    ];
    const { container } = render(Toast, { title: 'Ignored:', items, notes: ['note'], ondismiss });
    const lis = container.querySelectorAll('li');
    expect(lis.length).toBe(8);
    expect(lis[0].textContent.length).toBeLessThan(200);
    expect(lis[0].textContent).toContain('(10004 characters)');
    expect(container.textContent).toContain('…and 1993 more.');
    expect(container.textContent.length).toBeLessThan(2000);
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss notice' }));
    expect(ondismiss).toHaveBeenCalledOnce();
  });

  it('inserts no markup from an item', () => {
    const { container } = render(Toast, {
      title: 't',
      items: ['<img src=x onerror=alert(1)>'],
      ondismiss: () => {},
    });
    expect(container.querySelector('img')).toBeNull();
  });
});
