/**
 * Icon-ish glyphs per node kind: SVG path data in a 20x20 box, stroked with
 * the current colour. Pure data, no DOM.
 */
export const GLYPHS: Record<string, string> = {
  client: 'M2 3h16v10H2z M7 17h6 M10 13v4',
  webServer: 'M3 2h14v5H3z M3 8h14v5H3z M3 14h14v4H3z M6 4.5h1 M6 10.5h1 M6 16h1',
  worker:
    'M10 3v3 M10 14v3 M3 10h3 M14 10h3 M5 5l2 2 M13 13l2 2 M15 5l-2 2 M5 15l2-2 M10 7a3 3 0 1 0 0.01 0',
  loadBalancer: 'M2 10h6 M8 10l9-6 M8 10h9 M8 10l9 6 M14 2l3 2-3 2 M14 14l3 2-3 2',
  redis: 'M10 2l8 4-8 4-8-4z M2 10l8 4 8-4 M2 14l8 4 8-4',
  memcached: 'M3 3h14v4H3z M3 8h14v4H3z M3 13h14v4H3z',
  postgres:
    'M3 5a7 2.5 0 1 0 14 0a7 2.5 0 1 0-14 0 M3 5v10a7 2.5 0 0 0 14 0V5 M3 10a7 2.5 0 0 0 14 0',
};

/** The glyph for a kind, or a plain box. */
export function glyphOf(kind: string): string {
  return GLYPHS[kind] ?? 'M3 3h14v14H3z';
}

/** Human name of a node kind, for labels and menus. */
export function kindName(kind: string): string {
  const names: Record<string, string> = {
    client: 'client',
    webServer: 'web server',
    worker: 'worker',
    loadBalancer: 'load balancer',
    redis: 'Redis',
    memcached: 'Memcached',
    postgres: 'Postgres',
  };
  return names[kind] ?? kind;
}
