import { describe, expect, it } from 'vitest';
import { runScenarioSteps, scenarios, type RunResult } from '../../../src/scenarios';

/** Steps a run, taking the preview after `cut` yields; returns it and the whole run. */
function previewAndWhole(id: string, cut: number): { preview: RunResult | null; whole: RunResult } {
  const steps = runScenarioSteps(id, {}, 50);
  let preview: RunResult | null = null;
  for (let i = 0; ; i++) {
    const r = steps.next();
    if (r.done) return { preview, whole: r.value };
    if (i === cut) preview = r.value.preview();
  }
}

describe('a preview (the run so far, drawn while the rest computes)', () => {
  // Every scenario, cut early and about midway through its yields.
  for (const s of scenarios) {
    it(`${s.id}: is a prefix of the whole run and shows its first frames as the whole run does`, () => {
      for (const cut of [0, 6]) {
        const { preview, whole } = previewAndWhole(s.id, cut);
        if (!preview) continue; // done before that many yields
        const p = preview.trace;
        const w = whole.trace;
        expect(preview.outcome).toBeNull();
        expect(preview.partial).toBeDefined();
        expect(whole.partial).toBeUndefined();
        expect(p.entries.length).toBeLessThanOrEqual(w.entries.length);
        expect(JSON.stringify(p.entries)).toBe(
          JSON.stringify(w.entries.slice(0, p.entries.length)),
        );
        expect(preview.topology).toEqual(whole.topology);
        // Frames before the preview's last instant are the whole run's frames (the
        // last may still gain entries at its instant), with the same state and board.
        const ready = p.frames.filter((f) => f.t < p.endNs);
        expect(w.frames.slice(0, ready.length)).toEqual(ready);
        for (let i = 0; i < ready.length; i += Math.max(1, Math.floor(ready.length / 8))) {
          expect(p.stateAtFrame(i)).toEqual(w.stateAtFrame(i));
          if (s.scoreboard)
            expect(s.scoreboard(p, ready[i].t, preview.params)).toEqual(
              s.scoreboard(w, ready[i].t, whole.params),
            );
        }
        // The board at the preview's own end (its last ready frame) can be drawn.
        if (s.scoreboard) expect(() => s.scoreboard!(p, p.endNs, preview.params)).not.toThrow();
      }
    });
  }

  it('says where the whole run will end', () => {
    const { preview, whole } = previewAndWhole('persistence-rdb-vs-aof', 0);
    expect(preview?.partial?.untilNs).toBeGreaterThan(preview!.trace.endNs);
    expect(preview?.partial?.untilNs).toBeGreaterThanOrEqual(whole.trace.endNs);
  });
});
