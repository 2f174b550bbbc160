import fc from 'fast-check';
import { MachineHost, World } from '../../../src/sim';
import { actorMachine } from '../../../src/sim/machines/actor';
import { memcachedMachine } from '../../../src/sim/machines/memcached';
import { postgresMachine } from '../../../src/sim/machines/postgres';
import { redisMachine } from '../../../src/sim/machines/redis';
import { storageMachine } from '../../../src/sim/machines/storage';

/** The state values the trace recorded for node 'm', as "t:value". */
const trail = (w: World) =>
  w.entries.flatMap((e) => (e.k === 'state' && e.node === 'm' ? [`${e.t}:${e.value}`] : []));

describe('redisMachine (one thread: queue, fork, fsync, crash, load)', () => {
  const host = (w: World, costNs: number, log: string[]) =>
    new MachineHost(
      w,
      'm',
      redisMachine,
      { commandCostNs: costNs },
      {
        execute: () => log.push(`exec@${w.nowNs}`),
        forked: () => log.push(`forked@${w.nowNs}`),
        synced: () => log.push(`synced@${w.nowNs}`),
        loaded: () => log.push(`loaded@${w.nowNs}`),
      },
    );

  it('matches a FIFO single-server queue: each command starts when it arrives or the previous ends', () => {
    // Reference: a naive single-server queue (start = max(arrival, previous end)).
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000 }),
        fc.array(fc.integer({ min: 0, max: 20_000 }), { maxLength: 12 }),
        (cost, gaps) => {
          const w = new World(1);
          const log: string[] = [];
          const h = host(w, cost, log);
          let t = 0;
          const arrivals = gaps.map((g) => (t += g));
          for (const a of arrivals) w.engine.at(a, () => h.send({ type: 'ARRIVE' }), -1);
          w.engine.run();
          let free = 0;
          const expected = arrivals.map((a) => {
            free = Math.max(a, free) + cost;
            return `exec@${free}`;
          });
          expect(log).toEqual(expected);
          expect(h.value).toBe('idle');
          expect(h.context.queued).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('records idle, busy and idle again in the trace, at the times they happen', () => {
    const w = new World(1);
    const h = host(w, 300, []);
    h.send({ type: 'ARRIVE' });
    w.engine.run();
    expect(trail(w)).toEqual(['0:idle', '0:busy', '300:idle']);
    expect(h.value).toBe('idle');
  });

  it('a fork and an fsync each pause the thread for their own time, then the queue resumes', () => {
    const w = new World(1);
    const log: string[] = [];
    const h = host(w, 100, log);
    h.send({ type: 'FSYNC', ns: 700 });
    h.send({ type: 'ARRIVE' });
    expect(h.value).toBe('fsyncing');
    expect(h.context.queued).toBe(1);
    w.engine.run();
    expect(log).toEqual(['synced@700', 'exec@800']);
    expect(trail(w)).toEqual(['0:idle', '0:fsyncing', '700:busy', '800:idle']);
  });

  it('a crash empties the queue and ignores arrivals, forks and fsyncs until restarted', () => {
    const w = new World(1);
    const log: string[] = [];
    const h = host(w, 100, log);
    h.send({ type: 'ARRIVE' });
    h.send({ type: 'ARRIVE' });
    h.send({ type: 'CRASH' });
    expect(h.value).toBe('crashed');
    expect(h.context.queued).toBe(0);
    h.cancelAll();
    for (const e of [
      { type: 'ARRIVE' },
      { type: 'FORK', ns: 5 },
      { type: 'FSYNC', ns: 5 },
    ] as const)
      h.send(e);
    expect(h.value).toBe('crashed');
    expect(h.context.queued).toBe(0);
    w.engine.run();
    expect(log).toEqual([]);
  });

  it('a restart loads for loadNs, answering nothing meanwhile, then serves', () => {
    const w = new World(1);
    const log: string[] = [];
    const h = host(w, 100, log);
    h.send({ type: 'CRASH' });
    h.send({ type: 'RESTART', loadNs: 2_000 });
    expect(h.value).toBe('loading');
    expect(h.context.loadNs).toBe(2_000);
    // Arrivals during the load are not queued (the node answers -LOADING itself).
    h.send({ type: 'ARRIVE' });
    h.send({ type: 'FORK', ns: 10 });
    h.send({ type: 'FSYNC', ns: 10 });
    expect(h.value).toBe('loading');
    expect(h.context.queued).toBe(0);
    w.engine.run();
    expect(log).toEqual(['loaded@2000']);
    expect(h.value).toBe('idle');
    h.send({ type: 'ARRIVE' });
    w.engine.run();
    expect(log).toEqual(['loaded@2000', 'exec@2100']);
  });

  it('a restart of a running server is ignored', () => {
    const w = new World(1);
    const h = host(w, 100, []);
    h.send({ type: 'RESTART', loadNs: 50 });
    expect(h.value).toBe('idle');
    expect(h.can({ type: 'RESTART', loadNs: 50 } as never)).toBe(false);
  });

  it('a new cost applies to the commands that start after it, in any state', () => {
    const w = new World(1);
    const log: string[] = [];
    const h = host(w, 100, log);
    h.send({ type: 'CRASH' });
    h.send({ type: 'COST', ns: 40 });
    expect(h.context.costNs).toBe(40);
    h.send({ type: 'RESTART', loadNs: 0 });
    w.engine.run();
    h.send({ type: 'ARRIVE' });
    h.send({ type: 'ARRIVE' });
    w.engine.run();
    expect(log).toEqual(['loaded@0', 'exec@40', 'exec@80']);
  });
});

describe('storageMachine (one read at a time)', () => {
  it('serves reads in turn, each after the access time, and idles between bursts', () => {
    const w = new World(1);
    const served: number[] = [];
    const h = new MachineHost(
      w,
      'm',
      storageMachine,
      { accessNs: 250 },
      {
        served: () => served.push(w.nowNs),
      },
    );
    h.send({ type: 'ARRIVE' });
    h.send({ type: 'ARRIVE' });
    expect(h.value).toBe('reading');
    expect(h.context.queued).toBe(2);
    w.engine.at(1_000, () => h.send({ type: 'ARRIVE' }));
    w.engine.run();
    expect(served).toEqual([250, 500, 1_250]);
    expect(trail(w)).toEqual(['0:idle', '0:reading', '500:idle', '1000:reading', '1250:idle']);
    expect(h.context.queued).toBe(0);
  });
});

describe('actorMachine (handler processes)', () => {
  it('is one shared definition per kind, named after it', () => {
    expect(actorMachine('client')).toBe(actorMachine('client'));
    expect(actorMachine('worker')).not.toBe(actorMachine('client'));
    expect(actorMachine('webServer').id).toBe('webServer');
  });

  it('counts processes: busy from the first BEGIN to the last END', () => {
    const w = new World(1);
    const h = new MachineHost(w, 'm', actorMachine('worker'), undefined);
    h.send({ type: 'END' }); // nothing to end
    expect(h.value).toBe('idle');
    expect(h.context.active).toBe(0);
    h.send({ type: 'BEGIN' });
    h.send({ type: 'BEGIN' });
    h.send({ type: 'BEGIN' });
    expect(h.context.active).toBe(3);
    h.send({ type: 'END' });
    h.send({ type: 'END' });
    expect(h.value).toBe('busy');
    expect(h.context.active).toBe(1);
    h.send({ type: 'END' });
    expect(h.value).toBe('idle');
    expect(h.context.active).toBe(0);
  });

  it('goes down from idle or busy, runs nothing while down, and comes back idle', () => {
    for (const start of [0, 2]) {
      const w = new World(1);
      const h = new MachineHost(w, 'm', actorMachine('client'), undefined);
      for (let i = 0; i < start; i++) h.send({ type: 'BEGIN' });
      h.send({ type: 'CRASH' });
      expect(h.value).toBe('down');
      expect(h.context.active).toBe(0);
      h.send({ type: 'BEGIN' });
      h.send({ type: 'END' });
      expect(h.value).toBe('down');
      expect(h.context.active).toBe(0);
      h.send({ type: 'RESTART' });
      expect(h.value).toBe('idle');
      h.send({ type: 'BEGIN' });
      expect(h.context.active).toBe(1);
    }
  });
});

describe('postgresMachine (connection limit)', () => {
  const host = (w: World, max: number, done: string[]) =>
    new MachineHost(
      w,
      'm',
      postgresMachine,
      { maxConnections: max },
      {
        finished: (p) => done.push(`${String(p.qid)}@${w.nowNs}`),
      },
    );

  it('runs up to maxConnections at once, each ending after its own cost; more wait', () => {
    const w = new World(1);
    const done: string[] = [];
    const h = host(w, 2, done);
    h.send({ type: 'QUERY', qid: 1, costNs: 300 });
    expect(h.value).toBe('busy');
    h.send({ type: 'QUERY', qid: 2, costNs: 100 });
    expect(h.context).toMatchObject({ active: 2, queued: 0 });
    expect(h.value).toBe('busy');
    h.send({ type: 'QUERY', qid: 3, costNs: 50 });
    expect(h.context).toMatchObject({ active: 2, queued: 1 });
    expect(h.value).toBe('saturated');
    w.engine.run(100);
    expect(done).toEqual(['2@100']);
    expect(h.context).toMatchObject({ active: 1, queued: 1 });
    h.send({ type: 'RUN', qid: 3, costNs: 50 });
    expect(h.context).toMatchObject({ active: 2, queued: 0 });
    expect(h.value).toBe('busy');
    w.engine.run();
    expect(done).toEqual(['2@100', '3@150', '1@300']);
    expect(h.value).toBe('idle');
    expect(h.context.active).toBe(0);
  });

  it('with no connection allowed, a query waits from the start: saturated straight from idle', () => {
    const w = new World(1);
    const h = host(w, 0, []);
    h.send({ type: 'QUERY', qid: 1, costNs: 10 });
    expect(h.context).toMatchObject({ active: 0, queued: 1 });
    expect(h.value).toBe('saturated');
  });

  it('down: queries, runs and completions are ignored until a restart', () => {
    const w = new World(1);
    const done: string[] = [];
    const h = host(w, 1, done);
    h.send({ type: 'QUERY', qid: 1, costNs: 100 });
    h.send({ type: 'QUERY', qid: 2, costNs: 100 });
    h.send({ type: 'CRASH' });
    expect(h.value).toBe('down');
    expect(h.context).toMatchObject({ active: 0, queued: 0 });
    h.send({ type: 'QUERY', qid: 3, costNs: 10 });
    h.send({ type: 'RUN', qid: 3, costNs: 10 });
    w.engine.run(); // the DONE of query 1 was left scheduled: a dead server ignores it
    expect(done).toEqual([]);
    expect(h.context).toMatchObject({ active: 0, queued: 0 });
    h.send({ type: 'RESTART' });
    expect(h.value).toBe('idle');
  });
});

describe('memcachedMachine (worker threads)', () => {
  it('idle, busy with some threads, saturated with all, back down as requests finish', () => {
    const w = new World(1);
    const done: string[] = [];
    const h = new MachineHost(
      w,
      'm',
      memcachedMachine,
      { threads: 2 },
      {
        finished: (p) => done.push(`${String(p.rid)}@${w.nowNs}`),
      },
    );
    expect(h.value).toBe('idle');
    h.send({ type: 'START', rid: 7, costNs: 100 });
    expect(h.value).toBe('busy');
    h.send({ type: 'START', rid: 8, costNs: 100 });
    expect(h.value).toBe('saturated');
    expect(h.context.busy).toBe(2);
    w.engine.run();
    // Both end at once: saturated straight to idle.
    expect(done).toEqual(['7@100', '8@100']);
    expect(trail(w)).toEqual(['0:idle', '0:busy', '0:saturated', '100:busy', '100:idle']);
    h.send({ type: 'START', rid: 9, costNs: 10 });
    h.send({ type: 'START', rid: 10, costNs: 30 });
    w.engine.run();
    expect(trail(w).slice(5)).toEqual(['100:busy', '100:saturated', '110:busy', '130:idle']);
  });

  it('a single thread is saturated by one request; a crash zeroes it and ignores the rest', () => {
    const w = new World(1);
    const done: string[] = [];
    const h = new MachineHost(
      w,
      'm',
      memcachedMachine,
      { threads: 1 },
      {
        finished: (p) => done.push(`${String(p.rid)}@${w.nowNs}`),
      },
    );
    h.send({ type: 'START', rid: 1, costNs: 100 });
    expect(h.value).toBe('saturated');
    h.send({ type: 'CRASH' });
    expect(h.value).toBe('down');
    expect(h.context.busy).toBe(0);
    h.send({ type: 'START', rid: 2, costNs: 1 });
    w.engine.run();
    expect(done).toEqual([]);
    expect(h.context.busy).toBe(0);
    h.send({ type: 'RESTART' });
    expect(h.value).toBe('idle');
  });
});
