// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatCell, outcomeAt, runScenario, scenarios } from '../../src/scenarios';
import App from '../../src/views/App.svelte';
import { URL_DEFAULTS } from '../../src/views/url';

beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

// What the learner reads on the stage at the last frame is the measured outcome:
// every cell the board ties to an outcome field shows that field, formatted.
describe('the scoreboard on the stage at the last frame', () => {
  for (const spec of scenarios)
    it(`${spec.id}: every outcome cell shows the outcome`, () => {
      const run = runScenario(spec.id, { seed: 1 });
      const end = spec.scoreboard!(run.trace, run.trace.endNs, run.params);
      const want = new Map(
        end.rows.flatMap((r) => r.cells.filter((c) => c.of).map((c) => [c.of!, c])),
      );
      render(App, {
        url: { ...URL_DEFAULTS, params: {}, s: spec.id, f: 1_000_000 },
        writeHash: vi.fn(),
      });
      const board = document.querySelector('figure.scoreboard')!;
      const cells = [...board.querySelectorAll('td[data-of]')];
      expect(cells.length).toBe(want.size);
      for (const td of cells) {
        const path = td.getAttribute('data-of')!;
        const cell = want.get(path)!;
        expect(cell.v, `${spec.id} ${path}`).toEqual(outcomeAt(run.outcome, path));
        expect(td.textContent, `${spec.id} ${path}`).toBe(formatCell(cell));
      }
    });
});
