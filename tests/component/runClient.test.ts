// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenarios';
import { Session } from '../../src/views/Session.svelte';
import { splitParts, traceParts, type ToWorker } from '../../src/views/worker/protocol';
import { RunClient, type WorkerLike } from '../../src/views/worker/runClient';
import { spawnRunWorker } from '../../src/views/worker/spawn';

/** A worker the test drives: it answers only when told to, like a slow real one. */
class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  inbox: ToWorker[] = [];
  terminated = false;
  postMessage(m: ToWorker): void {
    this.inbox.push(structuredClone(m));
  }
  terminate(): void {
    this.terminated = true;
  }
  private send(data: unknown): void {
    this.onmessage?.({ data: structuredClone(data) } as MessageEvent);
  }
  ready(): void {
    this.send({ type: 'ready' });
  }
  /** Runs request `i` as the real worker does and posts progress, chunks and the result. */
  answer(i = this.inbox.length - 1): void {
    const { rid, job } = this.inbox[i];
    const run = runScenario(job.id, {
      ...job,
      onProgress: (progress) => this.send({ type: 'progress', rid, progress }),
    });
    const { parts } = traceParts(run.trace);
    for (const c of splitParts(parts)) this.send({ type: 'chunk', rid, ...c });
    const { trace: _t, ...rest } = run;
    this.send({ type: 'result', rid, trace: parts, ...rest });
  }
  fail(i: number, message: string): void {
    this.send({ type: 'error', rid: this.inbox[i].rid, message });
  }
}

function setup(): { client: RunClient; workers: FakeWorker[] } {
  const workers: FakeWorker[] = [];
  const client = new RunClient({
    spawn: () => {
      const w = new FakeWorker();
      workers.push(w);
      w.ready();
      return w;
    },
  });
  return { client, workers };
}

describe('RunClient', () => {
  it('applies only the latest request: a superseded run is terminated and its result dropped', () => {
    const { client, workers } = setup();
    const got: number[] = [];
    const job = (ttlSec: number) => ({
      id: 'cache-aside',
      params: { ttlSec },
      seed: 1,
      interventions: [],
    });
    client.run(job(30), {
      onresult: (r) => got.push(r.params.ttlSec as number),
      onerror: () => {},
    });
    client.run(job(60), {
      onresult: (r) => got.push(r.params.ttlSec as number),
      onerror: () => {},
    });
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    workers[0].answer(0); // a late answer from the terminated worker
    expect(got).toEqual([]);
    workers[1].answer(0);
    expect(got).toEqual([60]);
    expect(client.busy).toBe(false);
  });

  it('rebuilds a trace equal to the one computed in place (chunked entries and keyframes)', () => {
    const { client, workers } = setup();
    let json = '';
    let frames = 0;
    const direct = runScenario('persistence-rdb-vs-aof').trace;
    client.run(
      { id: 'persistence-rdb-vs-aof', params: {}, seed: 1, interventions: [] },
      {
        onresult: (r) => {
          json = JSON.stringify(r.trace);
          frames = r.trace.frames.length;
          const direct = runScenario('persistence-rdb-vs-aof', {
            params: {},
          }).trace;
          for (const i of [0, 1, 777, 5000, r.trace.entries.length - 1])
            expect(r.trace.stateAtIndex(i)).toEqual(direct.stateAtIndex(i));
          expect(r.trace.frames).toEqual(direct.frames);
          expect(r.trace.endNs).toBe(direct.endNs);
        },
        onerror: (m) => {
          throw new Error(m);
        },
      },
    );
    workers[0].answer();
    expect(frames).toBe(direct.frames.length);
    expect(json).toBe(JSON.stringify(direct));
  });

  it('reports a run that throws in the worker through onerror', () => {
    const { client, workers } = setup();
    let error = '';
    client.run(
      { id: 'cache-aside', params: {}, seed: 1, interventions: [] },
      { onresult: () => {}, onerror: (m) => (error = m) },
    );
    workers[0].fail(0, 'boom');
    expect(error).toBe('boom');
  });

  it('falls back to synchronous runs where the worker never starts', () => {
    const workers: FakeWorker[] = [];
    const client = new RunClient({
      spawn: () => {
        const w = new FakeWorker();
        workers.push(w);
        return w;
      },
    });
    let frames = 0;
    client.run(
      { id: 'cache-aside', params: {}, seed: 1, interventions: [] },
      { onresult: (r) => (frames = r.trace.frames.length), onerror: () => {} },
    );
    expect(frames).toBe(0);
    workers[0].onerror?.({ message: 'blocked', preventDefault: () => {} } as ErrorEvent);
    expect(frames).toBeGreaterThan(0);
    expect(client.mode).toBe('sync');
  });

  it('runs synchronously without Worker (jsdom): the result arrives before run() returns', () => {
    expect(typeof Worker).toBe('undefined');
    expect(spawnRunWorker()).toBeNull();
    const client = new RunClient({ spawn: spawnRunWorker });
    let frames = 0;
    client.run(
      { id: 'cache-aside', params: {}, seed: 1, interventions: [] },
      { onresult: (r) => (frames = r.trace.frames.length), onerror: () => {} },
    );
    expect(frames).toBeGreaterThan(0);
    expect(client.mode).toBe('sync');
  });
});

describe('Session with a worker', () => {
  it('keeps the previous run on screen while a change computes, and after Cancel', () => {
    const { client, workers } = setup();
    const s = new Session('cache-aside', { client });
    expect(s.run).toBeNull();
    expect(s.pending?.kind).toBe('load');
    workers[0].answer();
    const first = s.run;
    expect(first).not.toBeNull();
    expect(s.player?.frameCount).toBe(first?.trace.frames.length);

    s.setParam('ttlSec', 120);
    expect(s.pending?.kind).toBe('change');
    expect(s.params.ttlSec).toBe(120); // the panel shows the new value at once
    expect(s.run).toBe(first); // the old run stays on screen
    s.cancel();
    expect(workers[0].terminated).toBe(true);
    expect(s.pending).toBeNull();
    expect(s.run).toBe(first);
    expect(s.params.ttlSec).toBe(first?.params.ttlSec);
  });

  it('applies only the last of several quick changes (a dragged slider)', () => {
    const { client, workers } = setup();
    const s = new Session('cache-aside', { client });
    workers[0].answer();
    s.setParam('ttlSec', 40);
    s.setParam('ttlSec', 50);
    s.setParam('ttlSec', 70);
    const last = workers[workers.length - 1];
    workers[1].answer(); // superseded: ignored
    expect(s.run?.params.ttlSec).not.toBe(40);
    last.answer();
    expect(s.run?.params.ttlSec).toBe(70);
    expect(s.pending).toBeNull();
  });

  it('a failed change rolls back and sets the error; a cancelled first load calls onfail', () => {
    const { client, workers } = setup();
    const s = new Session('cache-aside', { client });
    workers[0].answer();
    s.setParam('ttlSec', 90);
    workers[0].fail(1, 'boom');
    expect(s.error).toBe('boom');
    expect(s.params.ttlSec).toBe(s.run?.params.ttlSec);

    let reason = '';
    const t = new Session('cache-aside', { client, onfail: (_s, r) => (reason = r) });
    t.cancel();
    expect(reason).toBe('cancelled');
    expect(t.run).toBeNull();
  });
});
