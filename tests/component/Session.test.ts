// @vitest-environment jsdom
import { Session } from '../../src/views/Session.svelte';

describe('Session', () => {
  it('intervene() keeps the player at the moment of the act, even if a step was still moving it', () => {
    const s = new Session('cache-aside', {});
    const p = s.player!;
    p.seekFrame(10);
    const t = p.tNs;
    // A step toward a later frame is under way (or landed) when the learner acts at t.
    p.seekTime(p.trace.frames[14].t, { glide: true });
    p.advance(100); // the glide moves on while the learner clicks
    expect(p.tNs).not.toBe(t);
    s.intervene({ tNs: t, kind: 'crash', node: 'redis' });
    expect(s.player!.tNs).toBe(t);
    expect(s.run!.trace.stateAt(s.player!.tNs).nodes.redis).toBe('crashed');
    s.dispose();
  });

  it('undo() drops the last intervention and the crash with it', () => {
    const s = new Session('cache-aside', {});
    const t = s.player!.trace.frames[10].t;
    s.intervene({ tNs: t, kind: 'crash', node: 'redis' });
    expect(
      s.run!.trace.ofKind('state').some((e) => e.node === 'redis' && e.value === 'crashed'),
    ).toBe(true);
    s.undo();
    expect(s.interventions).toEqual([]);
    expect(
      s.run!.trace.ofKind('state').some((e) => e.node === 'redis' && e.value === 'crashed'),
    ).toBe(false);
    s.dispose();
  });
});
