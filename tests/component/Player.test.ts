// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { Trace, type TraceEntry } from '../../src/sim';
import {
  FRAME_MS,
  GLIDE_MS,
  MAX_IDLE_MS,
  MIN_EVENT_MS,
  Player,
} from '../../src/views/Player.svelte';
import { miniTrace } from './fixtures';

const MS = 1_000_000;

function player(reduced = true): Player {
  return new Player(miniTrace(), { useRaf: false, reducedMotion: () => reduced });
}

describe('Player', () => {
  it('new Player(trace) starts paused on frame 0 at its time', () => {
    const p = player();
    expect(p.frameCount).toBe(4);
    expect(p.frame).toBe(0);
    expect(p.tNs).toBe(0);
    expect(p.playing).toBe(false);
    expect(p.ended).toBe(false);
  });

  it('play() + advance(wallMs) glides between frames, one frame per FRAME_MS at 1x', () => {
    const p = player();
    p.play();
    p.advance(FRAME_MS / 2);
    expect(p.frame).toBe(0);
    expect(p.tNs).toBeCloseTo(5 * MS, 0);
    expect(p.position).toBeCloseTo(0.5, 5);
    p.advance(FRAME_MS / 2);
    expect(p.frame).toBe(1);
    expect(p.tNs).toBe(10 * MS);
  });

  it('setSpeed(2) doubles the pace; invalid speeds fall back to 1', () => {
    const p = player();
    p.setSpeed(2);
    p.play();
    p.advance(FRAME_MS / 2);
    expect(p.frame).toBe(1);
    p.setSpeed(3);
    expect(p.speed).toBe(1);
  });

  it('advance() to the end stops on the last frame with ended = true', () => {
    const p = player();
    p.play();
    p.advance(FRAME_MS * 10);
    expect(p.frame).toBe(3);
    expect(p.tNs).toBe(2000 * MS);
    expect(p.playing).toBe(false);
    expect(p.ended).toBe(true);
    p.play();
    expect(p.frame).toBe(0);
    expect(p.playing).toBe(true);
  });

  it('stepForward() lands exactly on frame times; stepBack() returns to the same state', () => {
    const p = player();
    const trace = p.trace;
    p.stepForward();
    expect(p.frame).toBe(1);
    expect(p.tNs).toBe(trace.frames[1].t);
    const before = JSON.stringify(trace.stateAt(p.tNs));
    p.stepForward();
    expect(p.tNs).toBe(10.25 * MS);
    expect(trace.stateAt(p.tNs).data.redis['user:123']).toBeTruthy();
    p.stepBack();
    expect(p.frame).toBe(1);
    expect(JSON.stringify(trace.stateAt(p.tNs))).toBe(before);
    expect(JSON.stringify(trace.stateAt(p.tNs))).toBe(JSON.stringify(trace.stateAtFrame(1)));
  });

  it('stepBack() from mid-segment lands on the segment start first', () => {
    const p = player();
    p.play();
    p.advance(FRAME_MS * 1.5);
    expect(p.frame).toBe(1);
    expect(p.tNs).toBeGreaterThan(10 * MS);
    p.stepBack();
    expect(p.playing).toBe(false);
    expect(p.frame).toBe(1);
    expect(p.tNs).toBe(10 * MS);
  });

  it('stepForward() glides over GLIDE_MS unless reduced motion is preferred', () => {
    const p = player(false);
    p.stepForward();
    expect(p.frame).toBe(1);
    expect(p.gliding).toBe(true);
    expect(p.tNs).toBe(0);
    expect(p.settled).toBe(false);
    p.advance(GLIDE_MS / 2);
    expect(p.tNs).toBeGreaterThan(0);
    expect(p.tNs).toBeLessThan(10 * MS);
    p.advance(GLIDE_MS);
    expect(p.tNs).toBe(10 * MS);
    expect(p.settled).toBe(true);
  });

  it('seekFrame(i) clamps; seekTime(t) picks the frame at or before t', () => {
    const p = player();
    p.seekFrame(99);
    expect(p.frame).toBe(3);
    expect(p.ended).toBe(true);
    p.seekFrame(-4);
    expect(p.frame).toBe(0);
    p.seekTime(10.1 * MS);
    expect(p.frame).toBe(1);
    expect(p.tNs).toBe(10.1 * MS);
    p.toEnd();
    expect(p.frame).toBe(3);
    p.toStart();
    expect(p.frame).toBe(0);
  });

  it('gapLabel names a long idle gap while the display crosses it', () => {
    const p = player();
    p.seekFrame(2);
    expect(p.gapLabel).toBeNull();
    p.seekTime(1000 * MS);
    expect(p.gapLabel).toBe('1.99 s later');
  });

  it("setPacing('proportional', 1000) plays 1 ms of sim per wall second", () => {
    // Redis goes idle as soon as it has answered, so the 2 s after frame 2 are quiet.
    const quiet = new Trace(
      miniTrace().entries.map((e): TraceEntry =>
        e.k === 'state' && e.t === 10.5 * MS ? { ...e, t: 10.25 * MS } : e,
      ),
      4,
    );
    const p = new Player(quiet, { useRaf: false, reducedMotion: () => true });
    p.setPacing('proportional', 1_000);
    p.play();
    p.advance(5_000);
    expect(p.tNs).toBeCloseTo(5 * MS, 0);
    p.advance(5_000);
    expect(p.frame).toBe(1);
    // The 2 s idle gap is compressed to MAX_IDLE_MS, not 2000 s of wall time.
    p.seekFrame(2);
    p.play();
    p.advance(MAX_IDLE_MS / 2);
    expect(p.gapLabel).toBe('1.99 s later');
    p.advance(MAX_IDLE_MS / 2);
    expect(p.frame).toBe(3);
  });

  it('proportional pacing never compresses a gap while a node works, and says its ratio', () => {
    const p = player();
    p.setPacing('proportional', 1_000_000);
    expect(p.ratioLabel).toBe('1 s = 1 s');
    // After frame 2 Redis is still busy: the gap plays in full (1.99 s at 1 s = 1 s).
    p.seekFrame(2);
    p.play();
    p.advance(MAX_IDLE_MS);
    expect(p.frame).toBe(2);
    expect(p.gapLabel).toBeNull();
    p.setPacing('step');
    expect(p.ratioLabel).toBeNull();
  });

  it('proportional pacing slows a moment too short to see to MIN_EVENT_MS, and says so', () => {
    const p = player();
    // 1 ms of sim = 1 s: the 0.25 ms hop from frame 1 to 2 would last 250 ms; at 1 µs = 1 s
    // (1 ns per wall ms) it would last 250,000 ms; at 1 s = 1 s it would last 0.25 ms.
    p.setPacing('proportional', 1_000_000);
    p.seekFrame(1);
    expect(p.paceNote).toBe('slowed 280× to be seen');
    p.play();
    p.advance(MIN_EVENT_MS - 1);
    expect(p.frame).toBe(1);
    p.advance(2);
    expect(p.frame).toBe(2);
    p.setPacing('proportional', 1_000);
    p.seekFrame(1);
    expect(p.paceNote).toBeNull();
  });

  it('setTrace(trace, keep) keeps the frame index or the sim time', () => {
    const p = player();
    p.seekTime(10.1 * MS);
    p.setTrace(miniTrace(), 'time');
    expect(p.tNs).toBe(10.1 * MS);
    p.seekFrame(2);
    p.setTrace(miniTrace(), 'frame');
    expect(p.frame).toBe(2);
  });
});
