import {
  Actor,
  msToNs,
  RedisNode,
  spawn,
  usToNs,
  type Json,
  type Proc,
  type Trace,
  type World,
} from '../sim';
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
    const run: Run = { told: new Set(), sent: 0, workers: p.workers, firstWorker: null };
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
      `${p.workers === 1 ? 'A worker waits' : `${p.workers} workers wait`} on ${QUEUE} with BRPOP: Redis holds the call open until a job arrives. Signing up must not wait for an email to go out.`,
      'A job queue',
    );
    const producer = producers[0];
    producer.run(produce(world, producers, run, p));
    return { measure };
  },
};

/** Signups arrive on both web servers; each one LPUSHes an email job and moves on. */
function* produce(
  world: World,
  producers: Actor[],
  run: Run,
  p: Record<string, number>,
): Proc<void> {
  const self = producers[0];
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
    world.narrate(
      'lpush',
      `A user signed up on ${web.id}. It LPUSHes ${job.id} onto the left of ${QUEUE} and answers the user at once, without waiting for the email.`,
      'LPUSH',
    );
  }
  const r = yield* web.redis('redis', ['LPUSH', QUEUE, JSON.stringify(job)]);
  const length = r.type === 'integer' ? Number(r.value) : 0;
  if (length >= 2 && !run.told.has('backlog')) {
    run.told.add('backlog');
    world.narrate(
      'backlog',
      `LPUSH replied ${length}: signups come faster than emails go out, so jobs wait in the list. None is lost, and no user waits.`,
      'LPUSH',
    );
  }
  if (last)
    world.narrate(
      'all-queued',
      `The last signup queued ${job.id}. The web servers are done; the worker${run.workers > 1 ? 's' : ''} drain${run.workers > 1 ? '' : 's'} the list from the right.`,
      'BRPOP',
    );
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
    if (r.type !== 'array' || r.value === null) {
      world.narrate(
        `idle-${worker.id}`,
        `${worker.id}'s BRPOP waited ${p.brpopTimeoutSec} s on an empty queue and got nil. Nothing left to send: it stops.`,
        'Drained',
      );
      return;
    }
    const item = r.value[1];
    const job = JSON.parse(item.type === 'bulk' && item.value !== null ? item.value : '{}') as Job;
    worker.setLocal('sending', job as unknown as Json);
    if (!run.told.has('pop')) {
      run.told.add('pop');
      run.firstWorker = worker.id;
      world.narrate(
        'pop',
        `${worker.id} got ${job.id} from the right end of the list: the oldest job first. It sends the email (${p.sendMs} ms).`,
        'BRPOP',
      );
    } else if (worker.id !== run.firstWorker && !run.told.has('share')) {
      run.told.add('share');
      world.narrate(
        'share',
        `${worker.id} got ${job.id}. Redis hands each job to exactly one waiting BRPOP, so two workers never send the same email.`,
        'BRPOP',
      );
    }
    yield* worker.sleep(msToNs(p.sendMs));
    run.sent++;
    mine++;
    worker.setLocal('sending', null);
    worker.setLocal('sent', mine);
    if (run.sent === p.jobs)
      world.narrate(
        'all-sent',
        `All ${p.jobs} emails sent, each exactly once, in the order the signups happened${p.workers > 1 ? ' (give or take the workers racing each other)' : ''}.`,
        'Drained',
      );
  }
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
