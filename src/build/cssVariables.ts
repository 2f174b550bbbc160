/**
 * The custom properties (`--name: value;`) of the first rule whose selector is
 * exactly `selector` in `css`, as { '--name': 'value' }. Enough for app.css's
 * theme blocks (no nesting, one declaration per property). Pure.
 */
export function cssVariables(css: string, selector = ':root'): Record<string, string> {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const block = new RegExp(`(?:^|[}\\s])${escaped}\\s*\\{([^}]*)\\}`).exec(css);
  if (!block) throw new Error(`cssVariables: no "${selector} { … }" rule`);
  const vars: Record<string, string> = {};
  for (const m of block[1].matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g))
    vars[m[1]] = m[2].replace(/\s+/g, ' ').trim();
  return vars;
}
