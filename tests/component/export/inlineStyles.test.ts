// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import {
  escapeXml,
  serializeWithStyles,
  StyleDefaults,
} from '../../../src/views/export/inlineStyles';

let defaults: StyleDefaults | null = null;
afterEach(() => {
  defaults?.dispose();
  document.body.innerHTML = '';
});

function serialize(html: string): string {
  document.body.innerHTML = html;
  defaults = new StyleDefaults();
  return serializeWithStyles(document.body.firstElementChild as Element, {
    defaults,
    rootStyle: 'margin:0;',
  });
}

describe('escapeXml', () => {
  it('escapes the characters XML reserves', () => {
    expect(escapeXml('a < b & "c" > d')).toBe('a &lt; b &amp; &quot;c&quot; &gt; d');
  });
});

describe('serializeWithStyles', () => {
  it('writes well-formed XML with the page’s text escaped and styles inline', () => {
    const xml = serialize(
      `<div class="box" style="color: rgb(200, 0, 0)"><p>GET user:1 &lt;nil&gt; &amp; more</p></div>`,
    );
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.documentElement.getAttribute('xmlns')).toBe('http://www.w3.org/1999/xhtml');
    expect(doc.documentElement.getAttribute('style')).toContain('color:rgb(200, 0, 0);');
    expect(doc.documentElement.getAttribute('style')).toMatch(/margin:0;$/);
    expect(doc.documentElement.hasAttribute('class')).toBe(false);
    expect(doc.documentElement.textContent).toBe('GET user:1 <nil> & more');
  });

  it('drops hidden elements, links, outside sources, ids and handlers of the page', () => {
    const xml = serialize(
      `<div id="root" tabindex="0" role="group" aria-label="Stage" data-frame="3">
        <span style="display: none">secret</span>
        <a href="https://example.org/x">link text</a>
        <img src="https://example.org/y.png" alt="">
        <button type="button" onclick="alert(1)">Crash ▾</button>
      </div>`,
    );
    expect(xml).not.toContain('secret');
    expect(xml).not.toContain('https://');
    expect(xml).not.toMatch(/\s(id|tabindex|role|aria-label|data-frame|onclick)=/);
    expect(xml).toContain('link text');
    expect(xml).toContain('Crash ▾');
  });

  it('keeps the current value of form fields', () => {
    document.body.innerHTML = `<div><input type="range" value="1"><input type="checkbox"><select><option>a</option><option>b</option></select></div>`;
    const [range, box] = document.querySelectorAll('input');
    range.value = '7';
    box.checked = true;
    document.querySelector('select')!.selectedIndex = 1;
    defaults = new StyleDefaults();
    const xml = serializeWithStyles(document.body.firstElementChild as Element, { defaults });
    expect(xml).toContain('value="7"');
    expect(xml).toContain('checked="checked"');
    expect(xml).toMatch(/<option[^>]*selected="selected"[^>]*>b<\/option>/);
  });

  it('keeps inline SVG in its namespace with the ids its local references need', () => {
    const xml = serialize(
      `<div><svg viewBox="0 0 10 10"><defs><clipPath id="past"><rect width="5" height="10"></rect></clipPath></defs>
        <g clip-path="url(#past)"><rect width="10" height="10"></rect></g><use href="#past"></use></svg></div>`,
    );
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    const svg = doc.getElementsByTagNameNS('http://www.w3.org/2000/svg', 'svg')[0];
    expect(svg.getAttribute('viewBox')).toBe('0 0 10 10');
    expect(
      doc.getElementsByTagNameNS('http://www.w3.org/2000/svg', 'clipPath')[0].getAttribute('id'),
    ).toBe('past');
    expect(xml).toContain('clip-path="url(#past)"');
    expect(xml).toContain('href="#past"');
  });
});
