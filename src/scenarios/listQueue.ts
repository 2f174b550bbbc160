import {
  Actor,
  msToNs,
  quote,
  RedisNode,
  say,
  spawn,
  Trace,
  usToNs,
  type Json,
  type Packet,
  type Proc,
  type World,
} from '../sim';
import { formatCell, traceUpTo, type Scoreboard } from './scoreboard';
import type { Reply } from '../sim/redis';
import { argvOf, exchanges, replyOf } from './measure';
import { REDIS_WITHOUT_SNAPSHOTS } from './redisWithoutSnapshots';
import type { ScenarioSpec } from './spec';
import { RTT_US } from './commonParams';

const QUEUE = 'queue:emails';
const PRODUCERS = ['web-1', 'web-2'];
const workerId = (i: number): string => `worker-${i + 1}`;

/** An email job as it travels through the list. */
interface Job {
  id: string;
  to: string;
}

/** Per-run state, made in build(). */
interface Run {
  told: Set<string>;
  sent: number;
  workers: number;
  /** The worker that popped the first job. */
  firstWorker: string | null;
  /** 1: workers wait; 2: signups push jobs; 3: the workers drain the list. Only goes up. */
  phase: number;
  /** Workers that have stopped. */
  stopped: number;
  /** A scoreboard cell (by row label) as it reads now: what a beat quotes. */
  board(row: string): string;
}

const TITLES = ['', 'Workers wait', 'Signups push jobs', 'Workers drain the queue'];
/** The step a beat belongs to: the run's phase, so the numbering never goes back. */
const step = (run: Run): string => `Step ${run.phase} of 3 · ${TITLES[run.phase]}`;

/**
 * The reply packet Redis just delivered to `node` (the newest delivery to it),
 * so a beat can quote the reply the picture shows arriving.
 */
function justDelivered(world: World, node: string): Packet | null {
  for (let i = world.entries.length - 1; i >= 0; i--) {
    const e = world.entries[i];
    if (e.t < world.nowNs) break;
    if (e.k !== 'deliver') continue;
    const sent = world.entries.find((x) => x.k === 'send' && x.p.id === e.id);
    if (sent?.k === 'send' && sent.p.to === node && sent.p.from === 'redis') return sent.p;
  }
  return null;
}

/**
 * Lesson §3, List: a job queue for emails. Web servers LPUSH jobs on the left;
 * workers BRPOP them from the right (blocking while the list is empty) and
 * "send" each one. When the list stays empty for the BRPOP timeout, the
 * workers get nil and stop, so the run ends.
 */
export const listQueue: ScenarioSpec = {
  id: 'list-queue',
  title: 'A job queue for emails',
  lessonSection: '§3 Redis data structures',
  teaches:
    'LPUSH on one end, BRPOP on the other: a FIFO queue where each job goes to exactly one worker.',
  params: [
    {
      name: 'jobs',
      label: 'Email jobs',
      type: 'number',
      default: 10,
      min: 1,
      max: 40,
      step: 1,
      unit: 'jobs',
    },
    {
      name: 'workers',
      label: 'Workers',
      type: 'number',
      default: 1,
      min: 1,
      max: 4,
      step: 1,
      unit: 'workers',
    },
    {
      name: 'sendMs',
      label: 'Time to send one email',
      type: 'number',
      default: 50,
      min: 1,
      max: 500,
      step: 1,
      unit: 'ms',
      group: 'latency',
    },
    RTT_US,
    {
      name: 'brpopTimeoutSec',
      label: 'BRPOP timeout',
      type: 'number',
      default: 1,
      min: 1,
      max: 5,
      step: 1,
      unit: 's',
      group: 'advanced',
      help: 'A worker that waits this long on an empty queue gets nil and stops.',
    },
  ],
  layout: {
    'web-1': [0, 0],
    'web-2': [0, 2],
    redis: [1, 1],
    'worker-1': [2, 0],
    'worker-2': [2, 1],
    'worker-3': [2, 2],
    'worker-4': [2, 3],
  },
  build(world, params) {
    const p = params as Record<string, number>;
    const run: Run = {
      told: new Set(),
      sent: 0,
      workers: p.workers,
      firstWorker: null,
      phase: 1,
      stopped: 0,
      board: (row) => {
        const b = board(new Trace(world.entries.slice()), world.nowNs, p.workers);
        return formatCell(b.rows.find((r) => r.label === row)!.cells[0]);
      },
    };
    world.add(new RedisNode(world, 'redis', REDIS_WITHOUT_SNAPSHOTS));
    const half = usToNs(p.rttUs) / 2;
    const jitter = { kind: 'uniform', minNs: half * 0.9, maxNs: half * 1.1 } as const;
    const producers = PRODUCERS.map((id) => world.add(new Actor(world, id, 'webServer')));
    for (const web of producers) world.link(web.id, 'redis', jitter);
    for (let i = 0; i < p.workers; i++) {
      // A blocked BRPOP is answered later as a push: route it to the waiting loop.
      const waiter: { resume: ((r: Reply) => void) | null } = { resume: null };
      const worker = world.add(
        new Actor(world, workerId(i), 'worker', {
          onPush: (pk) => waiter.resume?.((pk.payload as { reply: Reply }).reply),
        }),
      );
      world.link(worker.id, 'redis', jitter);
      worker.run(work(world, worker, waiter, run, p));
    }
    world.narrate(
      'intro',
      p.workers === 1
        ? say`A worker waits on ${QUEUE} with BRPOP: Redis holds the call open until a job arrives. Signing up must not wait for an email to go out.`
        : say`${quote(p.workers, { param: 'workers' })} workers wait on ${QUEUE} with BRPOP: Redis holds each call open until a job arrives. Signing up must not wait for an email to go out.`,
      step(run),
    );
    const producer = producers[0];
    producer.run(produce(world, producers, run, p));
    return { measure };
  },
  scoreboard: (trace, tNs, params) => board(trace, tNs, Number(params.workers)),
};

/** The queue in numbers: what went in, what waits, what is being sent, what went out, twice. */
function board(trace: Trace, tNs: number, workers: number): Scoreboard {
  const o = measure(traceUpTo(trace, tNs)) as {
    enqueued: number;
    processed: number;
    duplicates: number;
  };
  const data = trace.stateAt(tNs).data;
  const list = data.redis?.[QUEUE] as { value?: unknown } | null | undefined;
  const waiting = Array.isArray(list?.value) ? list.value.length : 0;
  let sending = 0;
  for (let i = 0; i < workers; i++) if (data[workerId(i)]?.sending) sending++;
  return {
    title: `Jobs on ${QUEUE}`,
    rows: [
      { label: ENQUEUED, tone: 'muted', cells: [{ v: o.enqueued, of: 'enqueued' }] },
      { label: WAITING, tone: 'warn', cells: [{ v: waiting }] },
      { label: SENDING, cells: [{ v: sending }] },
      { label: SENT, tone: 'good', cells: [{ v: o.processed, of: 'processed' }] },
      { label: DUPLICATES, tone: 'bad', cells: [{ v: o.duplicates, of: 'duplicates' }] },
    ],
  };
}

const ENQUEUED = 'Enqueued';
const WAITING = 'Waiting in list';
const SENDING = 'Being sent';
const SENT = 'Sent';
const DUPLICATES = 'Sent twice';

/** Signups arrive on both web servers; each one LPUSHes an email job and moves on. */
function* produce(
  world: World,
  producers: Actor[],
  run: Run,
  p: Record<string, number>,
): Proc<void> {
  const self = producers[0];
  // The first signup comes a moment after the workers start waiting: the intro gets its own frame.
  yield* self.sleep(msToNs(5));
  for (let i = 0; i < p.jobs; i++) {
    // Signups arrive 10–40 ms apart (seeded): faster than one worker sends at the default.
    if (i > 0) yield* self.sleep(msToNs(world.rng.int(10, 40)));
    const web = producers[i % producers.length];
    const job: Job = { id: `job-${i + 1}`, to: `user${i + 1}@example.com` };
    web.run(push(world, web, job, run, i === p.jobs - 1));
  }
}

function* push(world: World, web: Actor, job: Job, run: Run, last: boolean): Proc<void> {
  if (!run.told.has('lpush')) {
    run.told.add('lpush');
    run.phase = Math.max(run.phase, 2);
    world.narrate(
      'lpush',
      say`A user signed up on ${web.id}. It LPUSHes ${job.id} onto the left of ${QUEUE} and answers the user at once, without waiting for the email.`,
      step(run),
    );
  }
  const r = yield* web.redis('redis', ['LPUSH', QUEUE, JSON.stringify(job)]);
  const length = r.type === 'integer' ? Number(r.value) : 0;
  // Told when the reply reaches the web server, quoting that very reply.
  const got = justDelivered(world, web.id);
  // Once the backlog is explained, every later LPUSH reply is told as it arrives, so the
  // beat on screen always quotes the reply the picture shows last (not an older one).
  if (got && r.type === 'integer' && !last) {
    const n = quote(String(length), { packet: got.id, delivered: true });
    if (length >= 2 && !run.told.has('backlog')) {
      run.told.add('backlog');
      world.narrate(
        'backlog',
        say`LPUSH replied ${n}, the list's length after the push. Signups come faster than emails go out, so jobs wait in the list. None is lost, and no user waits.`,
        step(run),
      );
    } else if (run.told.has('backlog'))
      world.narrate(
        `lpush-${job.id}`,
        length === 1
          ? say`LPUSH replied ${n}: the list was empty, the worker${run.workers > 1 ? 's have' : ' has'} caught up.`
          : say`LPUSH replied ${n}: that many jobs in the list right after ${job.id} went in.`,
        step(run),
      );
  }
  if (r.type === 'error')
    world.narrate(
      `lpush-failed-${job.id}`,
      say`${web.id}'s LPUSH of ${job.id} failed: "${r.value}". That email will not be sent.`,
      step(run),
    );
  if (last) {
    run.phase = 3;
    world.narrate(
      'all-queued',
      say`${quote(run.board(ENQUEUED), { score: ENQUEUED })} jobs queued in all, the last one ${job.id}. The web servers are done; the worker${run.workers > 1 ? 's' : ''} drain${run.workers > 1 ? '' : 's'} the list from the right.`,
      step(run),
    );
  }
}

/** One worker's loop: BRPOP, send, repeat; stop when BRPOP times out on an empty queue. */
function* work(
  world: World,
  worker: Actor,
  waiter: { resume: ((r: Reply) => void) | null },
  run: Run,
  p: Record<string, number>,
): Proc<void> {
  let mine = 0;
  for (;;) {
    const r = yield* brpop(worker, waiter, p.brpopTimeoutSec);
    if (r.type === 'error') {
      world.narrate(
        `failed-${worker.id}`,
        say`${worker.id}'s BRPOP failed: "${r.value}". It stops.`,
        step(run),
      );
      yield* stopped(world, worker, run);
      return;
    }
    if (r.type !== 'array' || r.value === null) {
      world.narrate(
        `idle-${worker.id}`,
        say`After ${quote(p.brpopTimeoutSec, { param: 'brpopTimeoutSec' })} s of waiting on an empty queue, ${worker.id}'s BRPOP got nil. Nothing left to send: it stops.`,
        step(run),
      );
      yield* stopped(world, worker, run);
      return;
    }
    const item = r.value[1];
    const job = JSON.parse(item.type === 'bulk' && item.value !== null ? item.value : '{}') as Job;
    // Here the BRPOP answer has just reached this worker: the beats below tell what the picture shows.
    worker.setLocal('sending', job as unknown as Json);
    if (!run.told.has('pop')) {
      run.told.add('pop');
      run.firstWorker = worker.id;
      world.narrate(
        'pop',
        say`${worker.id} got ${job.id} from the right end of the list: the oldest job first. It sends the email, which takes ${quote(p.sendMs, { param: 'sendMs' })} ms.`,
        step(run),
      );
    } else if (worker.id !== run.firstWorker && !run.told.has('share')) {
      run.told.add('share');
      world.narrate(
        'share',
        say`${worker.id} got ${job.id}. Redis hands each job to exactly one waiting BRPOP, so two workers never send the same email.`,
        step(run),
      );
    }
    yield* worker.sleep(msToNs(p.sendMs));
    run.sent++;
    mine++;
    worker.setLocal('sending', null);
    worker.setLocal('sent', mine);
    if (run.sent === p.jobs) {
      run.phase = 3;
      world.narrate(
        'all-sent',
        say`${quote(run.board(SENT), { score: SENT })} emails sent, ${quote(run.board(DUPLICATES), { score: DUPLICATES })} of them twice, in the order the signups happened${p.workers > 1 ? ' (give or take the workers racing each other)' : ''}.`,
        step(run),
      );
    }
  }
}

/** Counts a worker out; the last one to stop closes the story with the Summary. */
function* stopped(world: World, worker: Actor, run: Run): Proc<void> {
  run.stopped++;
  if (run.stopped < run.workers) return;
  // Its own frame, after the last worker's beat.
  yield* worker.sleep(msToNs(10));
  const q = (row: string) => quote(run.board(row), { score: row });
  world.narrate(
    'summary',
    say`${q(ENQUEUED)} jobs LPUSHed, ${q(SENT)} sent, ${q(DUPLICATES)} sent twice: one end of a list takes jobs, the other hands each to exactly one worker, oldest first.`,
    'Summary',
  );
}

/**
 * BRPOP as a process: resumes with the immediate reply when the list has a
 * job, or with the push Redis sends when it unblocks the call (a job or nil).
 */
function brpop(
  worker: Actor,
  waiter: { resume: ((r: Reply) => void) | null },
  timeoutSec: number,
): Proc<Reply> {
  return (function* (): Proc<Reply> {
    const reply = yield (resume) => {
      let done = false;
      const once = (r: Reply): void => {
        if (done) return;
        done = true;
        waiter.resume = null;
        resume(r);
      };
      waiter.resume = once;
      spawn(worker.redis('redis', ['BRPOP', QUEUE, String(timeoutSec)]), once);
    };
    return reply as Reply;
  })();
}

/**
 * The outcome, read off the trace: LPUSHes Redis answered, every job that came
 * back from BRPOP (as a reply or as an unblocking push) in the order Redis
 * sent them, and the emails workers recorded as sent.
 */
function measure(trace: Trace): Json {
  const enqueued = exchanges(trace, { to: 'redis' }).filter(
    (x) => argvOf(x.req)[0] === 'LPUSH' && replyOf(x.reply)?.type === 'integer',
  ).length;
  const brpopRids = new Set(
    exchanges(trace, { to: 'redis' })
      .filter((x) => argvOf(x.req)[0] === 'BRPOP')
      .map((x) => `${x.req.from}#${(x.req.payload as { rid: number }).rid}`),
  );
  const order: string[] = [];
  for (const e of trace.entries) {
    if (e.k !== 'send' || e.p.from !== 'redis' || !e.p.to.startsWith('worker-')) continue;
    const pl = e.p.payload as { re?: number; reply?: Reply };
    const isPop = e.p.kind === 'push' || brpopRids.has(`${e.p.to}#${pl.re}`);
    const r = isPop ? replyOf(e.p) : null;
    if (
      r?.type === 'array' &&
      r.value !== null &&
      r.value[1]?.type === 'bulk' &&
      r.value[1].value !== null
    ) {
      order.push((JSON.parse(r.value[1].value) as Job).id);
    }
  }
  const processed = trace
    .ofKind('data')
    .filter((e) => e.node.startsWith('worker-') && e.key === 'sent').length;
  const duplicates = order.length - new Set(order).size;
  return { enqueued, processed, duplicates, order };
}
