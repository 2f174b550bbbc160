import type { Trace, TraceState } from '../sim';
import { formatDuration } from '../sim/time';
import { SPEEDS } from './speeds';

export { SPEEDS };

/** Proportional ratios: simulated ns shown per wall-clock ms, with a label. */
export const RATIOS: readonly { nsPerWallMs: number; label: string }[] = [
  { nsPerWallMs: 1, label: '1 µs of sim = 1 s' },
  { nsPerWallMs: 10, label: '10 µs = 1 s' },
  { nsPerWallMs: 100, label: '100 µs = 1 s' },
  { nsPerWallMs: 1_000, label: '1 ms = 1 s' },
  { nsPerWallMs: 10_000, label: '10 ms = 1 s' },
  { nsPerWallMs: 100_000, label: '100 ms = 1 s' },
  { nsPerWallMs: 1_000_000, label: '1 s = 1 s' },
];

export type Pacing = 'step' | 'proportional';

/** Wall ms one frame stays on screen at 1x in step-paced mode. */
export const FRAME_MS = 700;
/** Wall ms a step's glide takes (skipped under prefers-reduced-motion). */
export const GLIDE_MS = 220;
/** In proportional mode a quiet gap (nothing in flight, no node working) takes at most this long at 1x. */
export const MAX_IDLE_MS = 1_500;
/**
 * In proportional mode a moment where something moves or works lasts at least
 * this many wall ms at any speed (about four animation frames): a shorter one
 * could not be seen, so it is slowed down, and `paceNote` says by how much.
 */
export const MIN_EVENT_MS = 70;

export interface PlayerOptions {
  /** Whether steps should jump instead of glide; read at each step. */
  reducedMotion?: () => boolean;
  /** Drive playback with requestAnimationFrame (off in tests: call `advance`). */
  useRaf?: boolean;
}

interface Glide {
  fromNs: number;
  toNs: number;
  elapsedMs: number;
  durMs: number;
}

/**
 * The only place where wall-clock time becomes simulated time. Holds a Trace
 * and a display time `tNs`; `frame` is the last frame at or before it. Playback
 * walks segment by segment (frame i to i+1) with progress `u`, so both pacing
 * modes glide packets between frames and stepping lands exactly on frame times.
 */
export class Player {
  trace = $state.raw<Trace>(undefined as unknown as Trace);
  frame = $state(0);
  tNs = $state(0);
  playing = $state(false);
  speed = $state(1);
  pacing = $state<Pacing>('step');
  /** Proportional ratio: simulated ns per wall ms at 1x (1000: 1 ms of sim = 1 s). */
  nsPerWallMs = $state(1_000);
  ended = $state(false);
  /** True while a step glides to its target. */
  gliding = $state(false);

  /** Progress through the segment from `frame` to `frame + 1`, in [0, 1). */
  private u = 0;
  private glide: Glide | null = null;
  private rafId: number | null = null;
  private lastWallMs: number | null = null;
  private readonly reducedMotion: () => boolean;
  private readonly useRaf: boolean;

  constructor(trace: Trace, options: PlayerOptions = {}) {
    this.trace = trace;
    this.reducedMotion = options.reducedMotion ?? prefersReducedMotion;
    this.useRaf = options.useRaf ?? typeof requestAnimationFrame === 'function';
    this.tNs = this.frameTime(0);
    this.ended = this.frameCount <= 1;
  }

  /** Number of frames in the trace. */
  get frameCount(): number {
    return this.trace.frames.length;
  }

  /** Position for the scrubber: frame index plus the fraction of the current segment. */
  get position(): number {
    const f = this.frame;
    if (f >= this.frameCount - 1) return f;
    const a = this.frameTime(f);
    const b = this.frameTime(f + 1);
    return f + Math.min(1, Math.max(0, (this.tNs - a) / (b - a)));
  }

  /** True when the display time is exactly on a frame and nothing moves. */
  get settled(): boolean {
    return !this.playing && !this.gliding && this.tNs === this.frameTime(this.frame);
  }

  /**
   * "59 min later" while the display crosses a long idle gap (compressed on
   * screen), else null. Long: at least 1 s, or 100x the median gap and >= 1 ms.
   */
  get gapLabel(): string | null {
    const f = this.frame;
    if (f >= this.frameCount - 1 || this.tNs === this.frameTime(f)) return null;
    const gap = this.frameTime(f + 1) - this.frameTime(f);
    const long =
      this.pacing === 'step'
        ? isLongGap(gap, medianGapNs(this.trace))
        : gap / this.nsPerWallMs > MAX_IDLE_MS && isIdleAfter(this.trace, f);
    return long ? `${formatDuration(gap)} later` : null;
  }

  /** The proportional ratio as words ("1 ms of sim = 1 s"), or null when step-paced. */
  get ratioLabel(): string | null {
    if (this.pacing !== 'proportional') return null;
    return (
      RATIOS.find((r) => r.nsPerWallMs === this.nsPerWallMs)?.label ??
      `${formatDuration(this.nsPerWallMs * 1000)} = 1 s`
    );
  }

  /**
   * "slowed 700×" while the current moment is too short to see at the chosen
   * ratio and is stretched to MIN_EVENT_MS; null otherwise (and when step-paced).
   */
  get paceNote(): string | null {
    const f = this.frame;
    if (this.pacing !== 'proportional' || f >= this.frameCount - 1) return null;
    const natural = (this.frameTime(f + 1) - this.frameTime(f)) / this.nsPerWallMs;
    if (isIdleAfter(this.trace, f) || natural >= MIN_EVENT_MS * this.speed) return null;
    const k = (MIN_EVENT_MS * this.speed) / Math.max(natural, 1e-9);
    return `slowed ${k >= 10 ? Math.round(k).toLocaleString('en-US') : k.toFixed(1)}× to be seen`;
  }

  /** Replaces the trace (a re-run): keep the frame index (clamped) or the same sim time. */
  setTrace(trace: Trace, keep: 'frame' | 'time' = 'frame'): void {
    const t = this.tNs;
    const f = this.frame;
    this.trace = trace;
    this.glide = null;
    this.gliding = false;
    if (keep === 'time') this.seekTime(t);
    else this.seekFrame(f);
  }

  play(): void {
    if (this.frameCount === 0) return;
    if (this.glide) this.seekTime(this.glide.toNs);
    if (this.ended) this.seekFrame(0);
    this.playing = true;
    this.startLoop();
  }

  pause(): void {
    this.playing = false;
    this.stopLoopIfIdle();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** Moves n frames forward, landing exactly on a frame time (glides unless reduced motion). */
  stepForward(n = 1): void {
    this.pause();
    this.stepTo(this.frame + n);
  }

  /** Moves n frames back; from mid-segment the first step lands on the segment's start. */
  stepBack(n = 1): void {
    this.pause();
    const mid = this.tNs > this.frameTime(this.frame);
    this.stepTo(this.frame - (mid ? n - 1 : n));
  }

  /** Jumps to frame i (clamped), exactly on its time. */
  seekFrame(i: number): void {
    this.glide = null;
    this.gliding = false;
    this.land(this.clampFrame(i));
  }

  /** Jumps to simulated time tNs (clamped to the trace). */
  seekTime(tNs: number, opts: { glide?: boolean; ms?: number } = {}): void {
    const n = this.frameCount;
    if (n === 0) return;
    const t = Math.min(
      Math.max(tNs, this.frameTime(0)),
      Math.max(this.trace.endNs, this.frameTime(0)),
    );
    if (opts.glide && !this.reducedMotion() && t !== this.tNs) {
      this.pause();
      this.beginGlide(t, opts.ms);
      this.frame = this.trace.frameAtTime(t);
      return;
    }
    this.glide = null;
    this.gliding = false;
    this.setTime(t);
  }

  /** Jumps to a scrubber position (frame index plus fraction). */
  seekPosition(x: number): void {
    const n = this.frameCount;
    if (n === 0) return;
    const p = Math.min(Math.max(x, 0), n - 1);
    const f = Math.floor(p);
    if (f >= n - 1) return this.seekFrame(n - 1);
    const a = this.frameTime(f);
    const b = this.frameTime(f + 1);
    this.seekTime(a + (b - a) * (p - f));
  }

  toStart(): void {
    this.pause();
    this.seekFrame(0);
  }

  toEnd(): void {
    this.pause();
    this.seekFrame(this.frameCount - 1);
  }

  setSpeed(x: number): void {
    const valid = (SPEEDS as readonly number[]).includes(x);
    this.speed = valid ? x : 1;
  }

  setPacing(pacing: Pacing, nsPerWallMs?: number): void {
    this.pacing = pacing;
    if (nsPerWallMs !== undefined && nsPerWallMs > 0) this.nsPerWallMs = nsPerWallMs;
  }

  /**
   * Advances display time by `wallMs` of wall clock: finishes a glide, or plays
   * segment by segment. The rAF loop calls it; tests call it directly.
   */
  advance(wallMs: number): void {
    if (wallMs <= 0) return;
    if (this.glide) {
      const g = this.glide;
      g.elapsedMs += wallMs;
      const k = Math.min(1, g.elapsedMs / g.durMs);
      const eased = 1 - (1 - k) * (1 - k);
      this.tNs = k >= 1 ? g.toNs : g.fromNs + (g.toNs - g.fromNs) * eased;
      if (k >= 1) {
        this.glide = null;
        this.gliding = false;
        this.setTime(g.toNs);
      }
      return;
    }
    if (!this.playing) return;
    const n = this.frameCount;
    let budget = wallMs * this.speed;
    while (budget > 0 && this.frame < n - 1) {
      const dur = this.segmentMs(this.frame);
      const need = (1 - this.u) * dur;
      if (budget >= need) {
        budget -= need;
        this.frame += 1;
        this.u = 0;
      } else {
        this.u += budget / dur;
        budget = 0;
      }
    }
    if (this.frame >= n - 1) {
      this.frame = n - 1;
      this.u = 0;
      this.tNs = this.frameTime(n - 1);
      this.playing = false;
      this.ended = true;
      this.stopLoopIfIdle();
      return;
    }
    const a = this.frameTime(this.frame);
    const b = this.frameTime(this.frame + 1);
    this.tNs = a + (b - a) * this.u;
    this.ended = false;
  }

  /** Stops the rAF loop for good (component teardown). */
  destroy(): void {
    this.playing = false;
    this.glide = null;
    if (this.rafId !== null && typeof cancelAnimationFrame === 'function')
      cancelAnimationFrame(this.rafId);
    this.rafId = null;
  }

  /** Wall ms (at 1x) the segment from frame i to i+1 takes. */
  segmentMs(i: number): number {
    if (this.pacing === 'step') return FRAME_MS;
    const natural = (this.frameTime(i + 1) - this.frameTime(i)) / this.nsPerWallMs;
    // Quiet gaps shrink (and gapLabel says so); moments with motion or work never
    // shrink, and grow to stay visible (and paceNote says so).
    if (isIdleAfter(this.trace, i)) return Math.max(1e-3, Math.min(natural, MAX_IDLE_MS));
    return Math.max(natural, MIN_EVENT_MS * this.speed);
  }

  private stepTo(target: number): void {
    const f = this.clampFrame(target);
    const t = this.frameTime(f);
    if (this.reducedMotion() || t === this.tNs) {
      this.seekFrame(f);
      return;
    }
    this.beginGlide(t);
    this.frame = f;
    this.u = 0;
    this.ended = false;
  }

  private beginGlide(toNs: number, durMs = GLIDE_MS): void {
    this.glide = { fromNs: this.tNs, toNs, elapsedMs: 0, durMs };
    this.gliding = true;
    this.startLoop();
  }

  private land(f: number): void {
    this.frame = f;
    this.u = 0;
    this.tNs = this.frameTime(f);
    this.ended = f >= this.frameCount - 1;
  }

  private setTime(t: number): void {
    const f = this.trace.frameAtTime(t);
    this.frame = f;
    this.tNs = t;
    const a = this.frameTime(f);
    const b = f < this.frameCount - 1 ? this.frameTime(f + 1) : a;
    this.u = b > a ? Math.min(Math.max((t - a) / (b - a), 0), 1) : 0;
    this.ended = f >= this.frameCount - 1 && t >= a;
  }

  private frameTime(i: number): number {
    const fr = this.trace.frames;
    if (fr.length === 0) return 0;
    return fr[Math.min(Math.max(i, 0), fr.length - 1)].t;
  }

  private clampFrame(i: number): number {
    return Math.min(Math.max(Math.round(i), 0), Math.max(0, this.frameCount - 1));
  }

  private startLoop(): void {
    if (!this.useRaf || this.rafId !== null) return;
    this.lastWallMs = null;
    const tick = (now: number): void => {
      if (this.lastWallMs !== null) this.advance(Math.min(now - this.lastWallMs, 100));
      this.lastWallMs = now;
      this.rafId = this.playing || this.glide ? requestAnimationFrame(tick) : null;
    };
    this.rafId = requestAnimationFrame(tick);
  }

  private stopLoopIfIdle(): void {
    if (this.playing || this.glide || this.rafId === null) return;
    if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(this.rafId);
    this.rafId = null;
  }
}

/** Whether a gap between frames is long enough to be compressed and labelled. */
export function isLongGap(gapNs: number, medianNs: number): boolean {
  return gapNs >= 1e9 || (gapNs >= 1e6 && gapNs >= 100 * medianNs);
}

const medians = new WeakMap<Trace, number>();

/** Median gap between consecutive frames of a trace (cached per trace). */
export function medianGapNs(trace: Trace): number {
  const hit = medians.get(trace);
  if (hit !== undefined) return hit;
  const fr = trace.frames;
  const gaps: number[] = [];
  for (let i = 1; i < fr.length; i++) gaps.push(fr[i].t - fr[i - 1].t);
  gaps.sort((a, b) => a - b);
  const m = gaps.length ? gaps[gaps.length >> 1] : 0;
  medians.set(trace, m);
  return m;
}

const idle = new WeakMap<Trace, Record<number, boolean>>();

/** Node states in which a node does nothing a learner could watch. */
const QUIET_STATES = new Set(['idle', 'crashed']);

/**
 * Whether the gap after frame i is quiet: nothing in flight and no node at work
 * (a disk read, a query, an fsync is work even with no packet moving). Only a
 * quiet gap may be compressed. Cached per trace.
 */
export function isIdleAfter(trace: Trace, i: number): boolean {
  let m = idle.get(trace);
  if (!m) idle.set(trace, (m = {}));
  return (m[i] ??= quiet(trace.stateAtFrame(i)));
}

function quiet(s: TraceState): boolean {
  if (Object.keys(s.inFlight).length > 0) return false;
  return Object.values(s.nodes).every((v) => QUIET_STATES.has(v));
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
