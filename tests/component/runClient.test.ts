// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenarios';
import { Session } from '../../src/views/Session.svelte';
import { RunClient, type RunData } from '../../src/views/runClient';

/**
 * A sliced client the test drives: `tick()` runs the next deferred slice, and
 * the clock moves 1 ms per look, so each slice runs `sliceMs` looks.
 */
function setup(sliceMs = 3): { client: RunClient; tick: () => boolean; drain: () => number } {
  const tasks: (() => void)[] = [];
  let t = 0;
  const client = new RunClient({ defer: (fn) => tasks.push(fn), now: () => t++, sliceMs });
  const tick = (): boolean => {
    const fn = tasks.shift();
    fn?.();
    return fn !== undefined;
  };
  const drain = (): number => {
    let n = 0;
    while (tick()) n++;
    return n;
  };
  return { client, tick, drain };
}

const job = (id: string, params: Record<string, number | string> = {}) => ({
  id,
  params,
  seed: 1,
  interventions: [],
});

describe('RunClient (slices on the page thread)', () => {
  it('gives the trace runScenario gives, in many slices, with monotone progress', () => {
    const { client, drain } = setup();
    let got: RunData | null = null;
    const seen: number[] = [];
    client.run(job('persistence-rdb-vs-aof'), {
      onresult: (r) => (got = r),
      onerror: (m) => {
        throw new Error(m);
      },
      onprogress: (p) => seen.push(p.simNs),
    });
    expect(got).toBeNull(); // a big run does not fit in its first slice
    expect(client.busy).toBe(true);
    const slices = drain();
    expect(slices).toBeGreaterThan(3);
    expect(client.busy).toBe(false);
    const direct = runScenario('persistence-rdb-vs-aof');
    expect(JSON.stringify(got!.trace)).toBe(JSON.stringify(direct.trace));
    expect(got!.outcome).toEqual(direct.outcome);
    expect(seen.length).toBeGreaterThan(2);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
  });

  it('previews a long run once, after its first slice: a prefix of the whole trace', () => {
    const { client, drain } = setup();
    const previews: RunData[] = [];
    let got: RunData | null = null;
    client.run(job('persistence-rdb-vs-aof'), {
      onresult: (r) => (got = r),
      onerror: (m) => {
        throw new Error(m);
      },
      onpreview: (r) => previews.push(r),
    });
    expect(previews).toHaveLength(1);
    drain();
    expect(previews).toHaveLength(1);
    const p = previews[0].trace.entries;
    expect(p.length).toBeGreaterThan(0);
    expect(p.length).toBeLessThan(got!.trace.entries.length);
    expect(JSON.stringify(p)).toBe(JSON.stringify(got!.trace.entries.slice(0, p.length)));
    expect(previews[0].partial?.untilNs).toBeGreaterThan(previews[0].trace.endNs);
  });

  it('finishes a small run in its first slice, before run() returns', () => {
    const { client } = setup(1_000_000);
    let frames = 0;
    client.run(job('cache-aside'), {
      onresult: (r) => (frames = r.trace.frames.length),
      onerror: () => {},
    });
    expect(frames).toBeGreaterThan(0);
    expect(client.busy).toBe(false);
  });

  it('applies only the latest request: a superseded run stops and never calls back', () => {
    const { client, tick, drain } = setup();
    const got: number[] = [];
    client.run(job('persistence-rdb-vs-aof', { crashAtSec: 50 }), {
      onresult: (r) => got.push(r.params.crashAtSec as number),
      onerror: () => {},
    });
    tick();
    client.run(job('persistence-rdb-vs-aof', { crashAtSec: 60 }), {
      onresult: (r) => got.push(r.params.crashAtSec as number),
      onerror: () => {},
    });
    drain();
    expect(got).toEqual([60]);
  });

  it('cancel() stops the run: no callback fires', () => {
    const { client, tick, drain } = setup();
    let called = false;
    client.run(job('persistence-rdb-vs-aof'), {
      onresult: () => (called = true),
      onerror: () => (called = true),
    });
    tick();
    expect(client.cancel()).toBe(true);
    expect(client.busy).toBe(false);
    drain();
    expect(called).toBe(false);
    expect(client.cancel()).toBe(false);
  });

  it('reports an unknown scenario through onerror', () => {
    const { client } = setup();
    let error = '';
    client.run(job('no-such-scenario'), { onresult: () => {}, onerror: (m) => (error = m) });
    expect(error).toMatch(/unknown scenario/);
  });

  it('runs synchronously without `defer`: the result arrives before run() returns', () => {
    const client = new RunClient();
    expect(client.mode).toBe('sync');
    let frames = 0;
    client.run(job('cache-aside'), {
      onresult: (r) => (frames = r.trace.frames.length),
      onerror: () => {},
    });
    expect(frames).toBeGreaterThan(0);
  });
});

describe('Session with a sliced client', () => {
  it('draws a preview of a long first run, then the whole run in the same player', () => {
    const { client, drain } = setup();
    let ready = 0;
    const s = new Session('persistence-rdb-vs-aof', { client, onready: () => ready++ });
    // After the first slice: the run so far is on screen, the rest computing.
    const preview = s.run;
    expect(preview?.partial).toBeDefined();
    expect(preview?.outcome).toBeNull();
    expect(s.pending?.kind).toBe('load');
    expect(ready).toBe(0);
    const player = s.player;
    expect(player?.frameCount).toBe(preview?.trace.frames.length);
    player?.stepForward(1);
    drain();
    expect(s.run?.partial).toBeUndefined();
    expect(s.run?.outcome).not.toBeNull();
    expect(s.pending).toBeNull();
    expect(ready).toBe(1);
    expect(s.player).toBe(player); // the same player: the learner's place is kept
    expect(s.player?.frame).toBe(1);
    expect(s.player?.frameCount).toBe(s.run?.trace.frames.length);
    expect(s.player!.frameCount).toBeGreaterThan(preview!.trace.frames.length);
  });

  it('shows no preview for a run done in its first slice, or for a change', () => {
    const { client, drain } = setup(1_000_000);
    const small = new Session('cache-aside', { client });
    expect(small.run?.partial).toBeUndefined();
    const { client: sliced, drain: drainSliced } = setup();
    const s = new Session('persistence-rdb-vs-aof', { client: sliced });
    drainSliced();
    const whole = s.run;
    s.setParam('crashAtSec', 120);
    expect(s.run).toBe(whole); // not a preview of the change: the whole old run stays
    drainSliced();
    expect(s.run?.partial).toBeUndefined();
    expect(s.run?.params.crashAtSec).toBe(120);
    drain();
  });

  it('keeps the previous run on screen while a change computes, and after Cancel', () => {
    const { client, drain } = setup();
    const s = new Session('persistence-rdb-vs-aof', { client });
    expect(s.run?.partial).toBeDefined();
    expect(s.pending?.kind).toBe('load');
    drain();
    const first = s.run;
    expect(first?.partial).toBeUndefined();
    expect(s.player?.frameCount).toBe(first?.trace.frames.length);

    s.setParam('crashAtSec', 120);
    expect(s.pending?.kind).toBe('change');
    expect(s.params.crashAtSec).toBe(120); // the panel shows the new value at once
    expect(s.run).toBe(first); // the old run stays on screen
    s.cancel();
    drain();
    expect(s.pending).toBeNull();
    expect(s.run).toBe(first);
    expect(s.params.crashAtSec).toBe(first?.params.crashAtSec);
  });

  it('applies only the last of several quick changes (a dragged slider)', () => {
    const { client, tick, drain } = setup();
    const s = new Session('persistence-rdb-vs-aof', { client });
    drain();
    s.setParam('crashAtSec', 40);
    tick();
    s.setParam('crashAtSec', 50);
    s.setParam('crashAtSec', 70);
    drain();
    expect(s.run?.params.crashAtSec).toBe(70);
    expect(s.pending).toBeNull();
  });

  it('a cancelled first load calls onfail', () => {
    const { client } = setup();
    let reason = '';
    const t = new Session('persistence-rdb-vs-aof', { client, onfail: (_s, r) => (reason = r) });
    expect(t.run?.partial).toBeDefined(); // its preview was on screen
    t.cancel();
    expect(reason).toBe('cancelled');
    expect(t.run).toBeNull();
    expect(t.player).toBeNull();
  });
});
