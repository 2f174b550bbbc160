import { describe, expect, it } from 'vitest';
import { cssVariables } from '../../../src/build/cssVariables';

describe('cssVariables', () => {
  const css = `
:root {
  --font: system-ui,
    'Segoe UI', sans-serif;
  --accent: #c7362b;
  color-scheme: light;
}
:root[data-theme='dark'] {
  --accent: #ff6b5e;
}`;

  it("reads the custom properties of the rule whose selector is exactly ':root'", () => {
    expect(cssVariables(css)).toEqual({
      '--font': "system-ui, 'Segoe UI', sans-serif",
      '--accent': '#c7362b',
    });
  });

  it('reads another block by its selector, and says when there is none', () => {
    expect(cssVariables(css, ":root[data-theme='dark']")).toEqual({ '--accent': '#ff6b5e' });
    expect(() => cssVariables(css, 'body')).toThrow(/no "body/);
  });
});
