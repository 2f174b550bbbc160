// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenarios';
import { scenes } from '../../src/views/scenes';

// Scenes that compare event times with the last event crossed by now
// (latestAtOrBefore) instead of the display time, so they are not rebuilt on
// every animation frame. Played forwards and back, in steps that land on and
// between events, each must show exactly what a scene mounted afresh at that
// moment shows: a comparison that went stale would differ.
const IDS = [
  'shared-brain',
  'list-queue',
  'sorted-set-leaderboard',
  'redis-vs-memcached',
  'rate-limiter',
  'pubsub-chat',
  'twitter-fanout',
];

afterEach(() => cleanup());

/** The markup with each element's classes in one order (toggling one appends it). */
function normalized(el: HTMLElement): string {
  const copy = el.cloneNode(true) as HTMLElement;
  for (const e of copy.querySelectorAll('[class]')) {
    e.setAttribute('class', [...e.classList].sort().join(' '));
  }
  return copy.innerHTML;
}

describe('scenes keyed on the last event crossed', () => {
  it.each(IDS)('%s played forwards and back matches a fresh mount at every moment', async (id) => {
    const { trace, outcome, params } = runScenario(id);
    const times = [...new Set(trace.entries.map((e) => e.t))];
    const step = Math.max(1, Math.floor(times.length / 12));
    const picked: number[] = [];
    for (let i = 0; i < times.length; i += step) {
      picked.push(times[i]);
      // Just before the next event: the same picture as at this one.
      if (i + 1 < times.length) picked.push((times[i] + times[i + 1]) / 2);
    }
    picked.push(times[times.length - 1]);
    const moments = [...picked, ...[...picked].reverse()];
    const props = (tNs: number) => ({ trace, state: trace.stateAt(tNs), tNs, params, outcome });
    const Scene = scenes[id];
    const played = render(Scene, props(moments[0]));
    for (const tNs of moments) {
      await played.rerender(props(tNs));
      const fresh = render(Scene, props(tNs));
      expect(normalized(played.container), `${id} at ${tNs} ns`).toBe(normalized(fresh.container));
      fresh.unmount();
    }
  });
});
