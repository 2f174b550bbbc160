// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import ShareDialog from '../../src/views/ShareDialog.svelte';
import { oembedFor } from '../../src/views/oembed';
import { shareSnippets } from '../../src/views/shareSnippets';

const base = 'https://example.org/speed/';

describe('shareSnippets', () => {
  it('builds a link, an iframe, a reveal.js slide and Markdown for this frame', () => {
    const s = shareSnippets(base, 's=cache-aside&f=12', 'Cache-aside', 'cache-aside');
    expect(s.link).toBe('https://example.org/speed/#s=cache-aside&f=12');
    expect(s.embedUrl).toBe('https://example.org/speed/#s=cache-aside&f=12&embed=1');
    expect(s.iframe).toBe(
      '<iframe src="https://example.org/speed/#s=cache-aside&amp;f=12&amp;embed=1" title="Speed Layer: Cache-aside"' +
        ' width="100%" height="560" loading="lazy" allow="fullscreen; clipboard-write" style="border: 0"></iframe>',
    );
    expect(s.reveal).toBe(
      '<section><iframe data-src="https://example.org/speed/#s=cache-aside&amp;f=12&amp;embed=1" data-preload' +
        ' title="Speed Layer: Cache-aside" width="100%" height="560" allow="fullscreen; clipboard-write"' +
        ' style="border: 0"></iframe></section>',
    );
    expect(s.markdown).toBe(
      '[![Speed Layer: Cache-aside](https://example.org/speed/thumbs/cache-aside.svg)](https://example.org/speed/#s=cache-aside&f=12)',
    );
  });

  it('escapes a title with markup and brackets', () => {
    const s = shareSnippets(base, 's=x', 'a "<b>" [c]', 'x');
    expect(s.iframe).toContain('title="Speed Layer: a &quot;&lt;b&gt;&quot; [c]"');
    expect(s.markdown).toContain('[![Speed Layer: a "<b>" \\[c\\]]');
  });

  it('pictures each scenario with its own build image, its id escaped for a URL', () => {
    expect(shareSnippets(base, 's=rate-limiter', 'R', 'rate-limiter').markdown).toContain(
      '(https://example.org/speed/thumbs/rate-limiter.svg)',
    );
    expect(shareSnippets(base, 's=a%20b', 'X', 'a b').markdown).toContain(
      '(https://example.org/speed/thumbs/a%20b.svg)',
    );
  });
});

describe('ShareDialog', () => {
  it('shows labelled snippets and says when one was copied', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(ShareDialog, {
      open: true,
      base,
      hash: 's=cache-aside&f=3',
      title: 'Cache-aside',
      scenario: 'cache-aside',
      onclose: () => {},
    });
    expect(screen.getByLabelText('Link to this frame')).toHaveValue(
      'https://example.org/speed/#s=cache-aside&f=3',
    );
    expect(screen.getByLabelText('Embed (iframe)')).toHaveValue(
      shareSnippets(base, 's=cache-aside&f=3', 'Cache-aside', 'cache-aside').iframe,
    );
    expect(screen.getByLabelText('reveal.js slide')).toBeInTheDocument();
    expect(screen.getByLabelText('Markdown (image and link)')).toHaveValue(
      shareSnippets(base, 's=cache-aside&f=3', 'Cache-aside', 'cache-aside').markdown,
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Copy Embed (iframe)' }));
    await waitFor(() => expect(screen.getByText('Copied to the clipboard.')).toBeInTheDocument());
    expect(writeText).toHaveBeenCalledWith(
      shareSnippets(base, 's=cache-aside&f=3', 'Cache-aside', 'cache-aside').iframe,
    );
    expect(screen.getByRole('button', { name: 'Copy Embed (iframe)' })).toHaveTextContent('Copied');
  });

  it('a closed dialog leaves its fields alone as the frame changes; opening shows the current one', async () => {
    const props = { open: false, base, hash: 's=x&f=1', title: 'X', onclose: () => {} };
    const { rerender } = render(ShareDialog, props);
    const field = screen.getByLabelText('Link to this frame', { selector: 'textarea' });
    const before = (field as HTMLTextAreaElement).value;
    await rerender({ ...props, hash: 's=x&f=2' });
    await rerender({ ...props, hash: 's=x&f=3' });
    expect((field as HTMLTextAreaElement).value).toBe(before);
    expect(before).not.toContain('f=');
    await rerender({ ...props, hash: 's=x&f=3', open: true });
    expect(field).toHaveValue('https://example.org/speed/#s=x&f=3');
    await rerender({ ...props, hash: 's=x&f=4', open: true });
    expect(field).toHaveValue('https://example.org/speed/#s=x&f=4');
  });

  it('falls back to selecting the text without a clipboard', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    render(ShareDialog, { open: true, base, hash: 's=x', title: 'X', onclose: () => {} });
    await fireEvent.click(screen.getByRole('button', { name: 'Copy Link to this frame' }));
    const field = screen.getByLabelText('Link to this frame');
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect((field as HTMLTextAreaElement).selectionEnd).toBe(
      'https://example.org/speed/#s=x'.length,
    );
  });
});

describe('oembedFor', () => {
  it('describes a rich iframe embed with title, size and provider', () => {
    const o = oembedFor('cache-aside', 'Cache-aside', 'https://example.org/speed/');
    expect(o).toMatchObject({
      version: '1.0',
      type: 'rich',
      provider_name: 'Speed Layer',
      width: 960,
      height: 560,
    });
    expect(o.title).toBe('Speed Layer: Cache-aside');
    expect(o.html).toContain('src="https://example.org/speed/#s=cache-aside&amp;embed=1"');
    expect(o.html).toContain('loading="lazy"');
  });

  it("gives the scenario's build picture as its thumbnail, with the picture's size", () => {
    const o = oembedFor('cache-aside', 'Cache-aside', 'https://example.org/speed/');
    expect(o.thumbnail_url).toBe('https://example.org/speed/thumbs/cache-aside.svg');
    expect([o.thumbnail_width, o.thumbnail_height]).toEqual([520, 244]);
  });
});
