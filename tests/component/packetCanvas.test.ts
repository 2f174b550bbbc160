// @vitest-environment jsdom
import { render } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Packet, Topology, TraceState } from '../../src/sim';
import { Trace } from '../../src/sim/trace';
import Stage from '../../src/views/Stage.svelte';
import { CANVAS_ABOVE, drawPills, readPacketPalette } from '../../src/views/packetCanvas';
import { linkId, placePills } from '../../src/views/packetPlacement';
import { layoutStage } from '../../src/views/stageLayout';

const topology: Topology = {
  nodes: [
    { id: 'web-1', kind: 'webServer' },
    { id: 'redis', kind: 'redis' },
    { id: 'postgres', kind: 'postgres' },
  ],
  links: [
    ['web-1', 'redis'],
    ['web-1', 'postgres'],
  ],
};

/** `n` packets spread over both links and directions, sent 1 µs apart, each 1 ms in flight. */
function packets(n: number): Packet[] {
  return Array.from({ length: n }, (_, i) => {
    const to = i % 4 < 2 ? 'redis' : 'postgres';
    const out = i % 2 === 0;
    return {
      id: i + 1,
      from: out ? 'web-1' : to,
      to: out ? to : 'web-1',
      kind: out ? 'request' : i % 3 === 0 ? 'error' : 'reply',
      label: out ? `GET user:${i}` : '"OK"',
      sentNs: i * 1_000,
      deliverNs: i * 1_000 + 1_000_000,
      bytes: 10,
      payload: null,
    };
  });
}

function viewOf(ps: Packet[]): TraceState {
  return {
    index: 0,
    nodes: {},
    data: {},
    narration: null,
    metrics: {},
    inFlight: Object.fromEntries(ps.map((p) => [p.id, p])),
  };
}

/** A 2D context that records what is drawn, with the fill colour current at each fill. */
function recordingContext() {
  const calls: { op: string; args: unknown[]; fillStyle?: string }[] = [];
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    font: '',
    lineWidth: 1,
    textAlign: 'start',
    textBaseline: 'alphabetic',
    calls,
    setTransform: (...args: number[]) => calls.push({ op: 'setTransform', args }),
    clearRect: (...args: number[]) => calls.push({ op: 'clearRect', args }),
    beginPath: () => undefined,
    roundRect: (...args: number[]) => calls.push({ op: 'roundRect', args }),
    fill: () => calls.push({ op: 'fill', args: [], fillStyle: ctx.fillStyle }),
    stroke: () => calls.push({ op: 'stroke', args: [], fillStyle: ctx.strokeStyle }),
    fillText: (...args: unknown[]) =>
      calls.push({ op: 'fillText', args, fillStyle: ctx.fillStyle }),
  };
  return ctx;
}

/** Pill bodies (20 px tall round rects) as centres, and labels, from a recording. */
function pillsDrawn(calls: ReturnType<typeof recordingContext>['calls']) {
  const bodies = calls
    .filter((c) => c.op === 'roundRect' && c.args[3] === 20)
    .map((c) => {
      const [x, y, w] = c.args as number[];
      return { x: x + w / 2, y: y + 10, pw: w };
    });
  const labels = calls
    .filter((c) => c.op === 'fillText' && !String(c.args[0]).startsWith('×'))
    .map((c) => c.args[0] as string);
  const counts = calls
    .filter((c) => c.op === 'fillText' && String(c.args[0]).startsWith('×'))
    .map((c) => Number(String(c.args[0]).slice(1)));
  return { bodies, labels, counts };
}

/** jsdom has no ResizeObserver (the Stage's size bindings use one): this one fires on `resizeAll()`. */
const observed: { cb: ResizeObserverCallback; targets: Element[] }[] = [];
globalThis.ResizeObserver = class {
  private o: { cb: ResizeObserverCallback; targets: Element[] };
  constructor(cb: ResizeObserverCallback) {
    this.o = { cb, targets: [] };
    observed.push(this.o);
  }
  observe(t: Element): void {
    this.o.targets.push(t);
  }
  unobserve(): void {}
  disconnect(): void {}
};
function resizeAll(): void {
  for (const o of observed)
    o.cb(
      o.targets.map((target) => ({ target }) as ResizeObserverEntry),
      null as unknown as ResizeObserver,
    );
}

let ctx: ReturnType<typeof recordingContext>;
beforeEach(() => {
  ctx = recordingContext();
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
    () => ctx as unknown as CanvasRenderingContext2D,
  );
  // jsdom lays nothing out: the Stage measures itself (bind:clientWidth) at 640 x 300.
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(640);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(300);
  const root = document.documentElement.style;
  root.setProperty('--pill-request', '#d6e6ff');
  root.setProperty('--pill-reply', '#d3f5df');
  root.setProperty('--font-mono', 'monospace');
});
afterEach(() => {
  vi.restoreAllMocks();
  document.documentElement.removeAttribute('data-theme');
  document.documentElement.removeAttribute('style');
});

describe('placePills', () => {
  const { links } = layoutStage(topology, 640, 300);
  const map = new Map(links.map((l) => [linkId(l.a, l.b), l]));

  it('placePills(packets, links, t) counts every packet once, merging only one lane', () => {
    const ps = packets(400);
    const pills = placePills(ps, map, 200_000);
    expect(pills.reduce((s, p) => s + p.count, 0)).toBe(400);
    expect(pills.length).toBeLessThan(400);
    expect(pills.map((p) => p.id)).toEqual([...pills.map((p) => p.id)].sort((a, b) => a - b));
    // A pill keeps its first packet's kind: requests and replies never share one.
    const kindOf = new Map(ps.map((p) => [p.id, p.kind]));
    for (const p of pills) expect(p.kind).toBe(kindOf.get(p.id));
  });

  it('placePills(...) does not depend on the order packets come in', () => {
    const ps = packets(120);
    expect(placePills([...ps].reverse(), map, 90_000)).toEqual(placePills(ps, map, 90_000));
  });
});

describe('Stage packet layers', () => {
  const trace = new Trace([]);
  const many = packets(600);
  const tNs = 450_000;

  it('draws the same pills at a frame on the canvas as in SVG, from placePills', () => {
    const svg = render(Stage, { topology, trace, view: viewOf(many), tNs, canvasAbove: Infinity });
    const fromSvg = [...svg.container.querySelectorAll('[data-packet]')].map((g) => {
      const m = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(g.getAttribute('transform') ?? '')!;
      return {
        x: Number(m[1]),
        y: Number(m[2]),
        text: g.querySelector(':scope > text')?.textContent,
        count: Number(g.querySelector('.count text')?.textContent?.slice(1) ?? 1),
      };
    });
    expect(svg.container.querySelector('canvas')).toBeNull();
    svg.unmount();

    const cv = render(Stage, { topology, trace, view: viewOf(many), tNs, canvasAbove: 0 });
    expect(cv.container.querySelector('canvas')).not.toBeNull();
    expect(cv.container.querySelectorAll('[data-packet]')).toHaveLength(0);
    expect(cv.container.textContent).not.toMatch(/more in flight/);
    const drawn = pillsDrawn(ctx.calls);

    // Both layers against the shared geometry, at the Stage's size (640 x 300 in jsdom, less the legend).
    const { links } = layoutStage(topology, 640, 300 - 18);
    const expected = placePills(many, new Map(links.map((l) => [linkId(l.a, l.b), l])), tNs);
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.some((p) => p.count > 1)).toBe(true);
    expect(fromSvg).toHaveLength(expected.length);
    expect(drawn.bodies).toHaveLength(expected.length);
    expected.forEach((p, i) => {
      expect(fromSvg[i].x).toBeCloseTo(p.x, 6);
      expect(fromSvg[i].y).toBeCloseTo(p.y, 6);
      expect(drawn.bodies[i].x).toBeCloseTo(p.x, 6);
      expect(drawn.bodies[i].y).toBeCloseTo(p.y, 6);
      expect(drawn.bodies[i].pw).toBe(p.pw);
      expect(fromSvg[i].text).toBe(p.text);
      expect(drawn.labels[i]).toBe(p.text);
      expect(fromSvg[i].count).toBe(p.count);
    });
    expect(drawn.counts).toEqual(expected.filter((p) => p.count > 1).map((p) => p.count));
  });

  it(`switches to the canvas above CANVAS_ABOVE (${CANVAS_ABOVE}) packets in flight, with no "+N more" at 5,000`, async () => {
    const few = render(Stage, { topology, trace, view: viewOf(many.slice(0, CANVAS_ABOVE)), tNs });
    expect(few.container.querySelector('canvas')).toBeNull();
    expect(few.container.querySelectorAll('[data-packet]').length).toBeGreaterThan(0);
    await few.rerender({ view: viewOf(packets(5_000)) });
    expect(few.container.querySelector('canvas')).not.toBeNull();
    expect(few.container.querySelectorAll('[data-packet]')).toHaveLength(0);
    expect(few.container.textContent).not.toMatch(/more in flight/);
    const drawn = pillsDrawn(ctx.calls);
    const { links } = layoutStage(topology, 640, 300 - 18);
    const expected = placePills(
      packets(5_000),
      new Map(links.map((l) => [linkId(l.a, l.b), l])),
      tNs,
    );
    expect(
      drawn.counts.reduce((s, c) => s + c, 0) + drawn.bodies.length - drawn.counts.length,
    ).toBe(expected.reduce((s, p) => s + p.count, 0));
  });

  it('takes its colours from the CSS custom properties, again after a theme switch', async () => {
    render(Stage, { topology, trace, view: viewOf(many), tNs, canvasAbove: 0 });
    const fills = () => ctx.calls.filter((c) => c.op === 'fill').map((c) => c.fillStyle);
    expect(fills()).toContain('#d6e6ff');
    ctx.calls.length = 0;
    document.documentElement.style.setProperty('--pill-request', '#1f3a66');
    document.documentElement.dataset.theme = 'dark';
    await new Promise((ok) => setTimeout(ok, 0));
    expect(fills()).toContain('#1f3a66');
    expect(fills()).not.toContain('#d6e6ff');
  });

  it('scales its backing store by devicePixelRatio and follows a resize', async () => {
    vi.spyOn(window, 'devicePixelRatio', 'get').mockReturnValue(2);
    const r = render(Stage, { topology, trace, view: viewOf(many), tNs, canvasAbove: 0 });
    const canvas = r.container.querySelector('canvas')!;
    expect([canvas.width, canvas.height]).toEqual([1280, 600]);
    expect(canvas.style.width).toBe('640px');
    expect(ctx.calls).toContainEqual({ op: 'setTransform', args: [2, 0, 0, 2, 0, 0] });
    // The Stage measures itself (bind:clientWidth); a new size re-lays the pills out.
    const stage = r.container.querySelector('.stage')!;
    Object.defineProperty(stage, 'clientWidth', { configurable: true, value: 400 });
    Object.defineProperty(stage, 'clientHeight', { configurable: true, value: 250 });
    ctx.calls.length = 0;
    resizeAll();
    await tick();
    expect([canvas.width, canvas.height]).toEqual([800, 500]);
    expect(canvas.style.width).toBe('400px');
    // Re-laid out for the new size: the pills drawn are the shared geometry's at 400 x 250.
    const { links } = layoutStage(topology, 400, 250 - 18);
    const expected = placePills(many, new Map(links.map((l) => [linkId(l.a, l.b), l])), tNs);
    expect(pillsDrawn(ctx.calls).bodies.map((b) => [b.x, b.y])).toEqual(
      expected.map((p) => [p.x, p.y]),
    );
  });

  it('redraws only when display time moves and runs no animation of its own (reduced motion stays still)', async () => {
    const raf = vi.spyOn(window, 'requestAnimationFrame');
    const r = render(Stage, { topology, trace, view: viewOf(many), tNs, canvasAbove: 0 });
    const draws = () => ctx.calls.filter((c) => c.op === 'clearRect').length;
    await tick();
    const first = draws();
    expect(first).toBeGreaterThan(0);
    await new Promise((ok) => setTimeout(ok, 50));
    expect(draws()).toBe(first);
    await r.rerender({ tNs: tNs + 10_000 });
    expect(draws()).toBe(first + 1);
    expect(raf).not.toHaveBeenCalled();
  });

  it('drawPills(ctx, pills, palette, ...) clears at device pixels and draws in CSS pixels', () => {
    const palette = readPacketPalette(document.documentElement);
    drawPills(ctx as unknown as CanvasRenderingContext2D, [], palette, 100, 50, 1.5);
    expect(ctx.calls).toEqual([
      { op: 'setTransform', args: [1, 0, 0, 1, 0, 0] },
      { op: 'clearRect', args: [0, 0, 150, 75] },
      { op: 'setTransform', args: [1.5, 0, 0, 1.5, 0, 0] },
    ]);
  });
});
