import {
  Actor,
  fixed,
  quote,
  say,
  Trace,
  type Quote,
  type World,
  msToNs,
  RedisNode,
  usToNs,
  type Json,
  type Packet,
  type Proc,
} from '../sim';
import type { Reply } from '../sim/redis';
import { argvOf, exchanges, replyOf } from './measure';
import { redisCall } from './redisCall';
import { formatCell, traceUpTo, type Scoreboard, type ScoreRow } from './scoreboard';
import type { ParamValues, ScenarioSpec } from './spec';
import { REDIS_CMD_US } from './commonParams';

const ROOM = 'room:lobby';
const USERS = ['user-a', 'user-b', 'user-c', 'user-d'] as const;
/** Who listens: B and C subscribe, D never does, A only talks. */
const SUBSCRIBERS = ['user-b', 'user-c'];
const short = (u: string): string => u.slice(-1).toUpperCase();
const subConn = (u: string): string => `${u}#sub`;

/**
 * Lesson §8 Scenario B: "The radio tower". B and C subscribe to a room, D does
 * not; A publishes. Midway one user closes the app: Redis drops its
 * subscription, and what is said meanwhile is gone for that user for good.
 */
export const pubsubChat: ScenarioSpec = {
  id: 'pubsub-chat',
  title: 'The radio tower',
  lessonSection: '§8 Advanced patterns',
  teaches:
    'PUBLISH reaches whoever is subscribed right now, instantly, and nobody else: offline means missed, for good.',
  params: [
    {
      name: 'messages',
      label: 'Messages A sends',
      type: 'number',
      default: 3,
      min: 1,
      max: 10,
      step: 1,
    },
    {
      name: 'offlineUser',
      label: 'Goes offline midway',
      type: 'choice',
      default: 'user-c',
      choices: ['none', 'user-b', 'user-c', 'user-d'],
      help: 'This user closes the app just before the middle message and comes back just after it.',
    },
    {
      name: 'gapMs',
      label: 'Pause between messages',
      type: 'number',
      default: 1000,
      min: 20,
      max: 10_000,
      step: 10,
      unit: 'ms',
    },
    {
      name: 'rttUs',
      label: 'Round trip to Redis',
      type: 'number',
      default: 500,
      min: 50,
      max: 5000,
      step: 10,
      unit: 'µs',
      group: 'latency',
    },
    REDIS_CMD_US,
  ],
  layout: { 'user-a': [0, 1], redis: [1, 1], 'user-b': [2, 0], 'user-c': [2, 1], 'user-d': [2, 2] },
  build(world, params) {
    const p = params as Record<string, number>;
    const offline = USERS.includes(params.offlineUser as (typeof USERS)[number])
      ? (params.offlineUser as string)
      : null;
    world.add(
      new RedisNode(world, 'redis', {
        commandCostNs: usToNs(p.redisCmdUs),
        // No RDB save points: an hourly snapshot is not this lesson.
        config: { save: '' },
      }),
    );
    // Per-run inboxes and narration memory, in this closure.
    const inbox = new Map<string, string[]>(USERS.map((u) => [u, []]));
    const told = new Set<string>();
    const once = (beat: string): boolean => !told.has(beat) && !!told.add(beat);
    const actors = new Map<string, Actor>();
    for (const u of USERS) {
      const a: Actor = world.add(new Actor(world, u, 'client', { onPush: (pk) => heard(u, pk) }));
      actors.set(u, a);
      world.link(u, 'redis', fixed(usToNs(p.rttUs) / 2));
    }
    const userA = actors.get('user-a')!;
    const middle = Math.floor(p.messages / 2);
    const gapNs = msToNs(p.gapMs);

    function heard(u: string, pk: Packet): void {
      const frame = messageOf(pk);
      if (!frame) return;
      const box = inbox.get(u)!;
      box.push(frame.payload);
      world.data(u, 'inbox', [...box]);
    }

    // One numbering for the whole story; the phase moves on with what happened.
    const phase = { wentOffline: false, back: false };
    const STEP = (n: number, what: string): string => `Step ${n} of 5 · ${what}`;

    function* subscribe(u: string): Proc<void> {
      yield* actors.get(u)!.redis('redis', ['SUBSCRIBE', ROOM], subConn(u));
      if (once(`sub-${u}`))
        world.narrate(
          'subscribed',
          `${short(u)} tunes in: SUBSCRIBE ${ROOM} on its own connection. From now on that connection only listens.`,
          STEP(1, 'Tune in'),
        );
      else {
        phase.back = true;
        world.narrate(
          'resubscribed',
          `${short(u)} is back and subscribes again. It hears what comes next, never what it missed.`,
          STEP(4, 'Back online'),
        );
      }
    }

    // Going offline is the app dying: its kernel closes the socket (a FIN to
    // Redis), and Redis frees that client with its subscriptions. No goodbye.
    function goOffline(u: string): void {
      const a = actors.get(u)!;
      phase.wentOffline = true;
      world.mark(`✕ ${u} went offline`);
      world.narrate(
        'offline',
        SUBSCRIBERS.includes(u)
          ? `${short(u)} loses its connection. Redis sees the socket close and forgets the listener at once: there is no mailbox to hold messages for later.`
          : `${short(u)} goes offline. It was not subscribed anyway, so nothing changes for it.`,
        STEP(3, 'Offline'),
      );
      a.crash();
    }

    function* talk(): Proc<void> {
      for (let i = 0; i < p.messages; i++) {
        // On a fixed beat (one gap apart), so the offline window brackets one message exactly.
        yield* userA.sleep(Math.max(0, gapNs * (i + 1) - world.nowNs));
        const argv = ['PUBLISH', ROOM, `msg ${i + 1}`];
        const { reply, packet } = yield* redisCall(world, userA, 'redis', argv);
        const n = reply.type === 'integer' ? Number(reply.value) : 0;
        // Said when the reply reaches A: the pushes, sent with it, land at the same instant.
        const got = { packet: packet?.id ?? -1, delivered: true };
        const cmd = quote(argv.join(' '), { packet: requestOf(world, packet) });
        const listeners = n === 1 ? say`one listener` : say`${quote(n, got)} listeners`;
        const missing =
          offline && SUBSCRIBERS.includes(offline) && phase.wentOffline && !phase.back;
        const text = say`"${cmd}" replied ${quote(`(integer) ${n}`, got)}: Redis pushed it to `;
        const tail =
          i === 0
            ? ' right now, no polling. D is not subscribed, so D hears nothing: Redis only talks to listeners.'
            : missing
              ? ` right now. ${short(offline)} is offline: for ${short(offline)} this message is gone for good.`
              : ' right now, no polling.';
        world.narrate(
          missing ? 'published-offline' : 'published',
          {
            text: text.text + listeners.text + tail,
            quotes: [...text.quotes, ...listeners.quotes],
          },
          phase.back
            ? STEP(5, 'Publish again')
            : phase.wentOffline
              ? STEP(3, 'Offline')
              : STEP(2, 'Publish'),
        );
      }
      // A gap after the last PUBLISH: its pushes have landed and anyone offline is back.
      yield* userA.sleep(gapNs);
      const cell = (label: string, col: number): Quote =>
        quote(boardText(world, params, label, col), { score: label, col });
      const who = offline && SUBSCRIBERS.includes(offline) ? offline : null;
      const lost = who
        ? say` ${short(who)} missed ${cell(who, 1)} while offline, for good: Pub/Sub keeps no mailbox.`
        : say` Nobody subscribed went offline, so nobody missed anything.`;
      const head = say`Each PUBLISH reached whoever listened at that instant: B got ${cell('user-b', 0)}, C got ${cell('user-c', 0)}, and D, never subscribed, got ${cell('user-d', 0)}.`;
      world.narrate(
        'summary',
        { text: head.text + lost.text, quotes: [...head.quotes, ...lost.quotes] },
        'Summary',
      );
    }

    world.narrate(
      'intro',
      `A chat room on Redis Pub/Sub. B and C will listen to ${ROOM}; D will not; A talks.`,
      STEP(1, 'Tune in'),
    );
    for (const u of SUBSCRIBERS) actors.get(u)!.run(subscribe(u));
    userA.run(talk());
    if (offline) {
      // Half a gap before the middle message, and half a gap after it.
      const a = actors.get(offline)!;
      world.engine.at(gapNs * (middle + 1) - gapNs / 2, () => goOffline(offline));
      world.engine.at(gapNs * (middle + 1) + gapNs / 2, () => {
        world.mark(`↻ ${offline} back online`);
        a.restart();
        if (SUBSCRIBERS.includes(offline)) a.run(subscribe(offline));
      });
    }
    return { measure: (trace) => measure(trace) };
  },
  scoreboard(trace, tNs, params) {
    return board(measure(traceUpTo(trace, tNs)) as unknown as Measured, params);
  },
};

interface Measured {
  delivered: Record<string, number>;
  missed: Record<string, number>;
  listenersReached: number;
}

/** The board: per listener, messages received and missed while offline; PUBLISH replies summed. */
function board(o: Measured, params: ParamValues): Scoreboard {
  const row = (u: string): ScoreRow => ({
    label: u,
    tone: u === params.offlineUser ? 'warn' : u === 'user-d' ? 'muted' : 'good',
    cells: [
      { v: o.delivered[u], of: `delivered.${u}` },
      { v: o.missed[u], of: `missed.${u}` },
    ],
  });
  return {
    title: 'Who heard what',
    columns: ['got', 'missed'],
    rows: [
      ...['user-b', 'user-c', 'user-d'].map(row),
      {
        label: 'PUBLISH sum',
        tone: 'muted',
        cells: [{ v: o.listenersReached, of: 'listenersReached' }, { v: '' }],
      },
    ],
  };
}

/** A scoreboard cell as shown, measured off the world's entries so far (for a quote). */
function boardText(world: World, params: ParamValues, label: string, col: number): string {
  const b = board(measure(new Trace(world.entries.slice())) as unknown as Measured, params);
  const row = b.rows.find((r) => r.label === label);
  return row ? formatCell(row.cells[col]) : '';
}

/** The id of the request a reply packet answers (the same connection, the same rid). */
function requestOf(world: World, reply: Packet | null): number {
  const re = (reply?.payload as { re?: number } | null)?.re;
  const e = world.entries.find(
    (x) =>
      x.k === 'send' &&
      x.p.from === reply?.to &&
      x.p.to === reply?.from &&
      (x.p.payload as { rid?: number } | null)?.rid === re,
  );
  return e && e.k === 'send' ? e.p.id : -1;
}

/** A pushed `message <channel> <payload>` frame, or null. */
function messageOf(pk: Packet): { channel: string; payload: string } | null {
  const r = (pk.payload as { reply?: Reply }).reply;
  if (!r || r.type !== 'array' || !r.value || r.value.length < 3) return null;
  const [kind, channel, payload] = r.value.map((x) => (x.type === 'bulk' ? x.value : null));
  if (kind !== 'message' || channel === null || payload === null) return null;
  return { channel, payload };
}

/** The outcome: pushes delivered per user, PUBLISH replies, and messages lost to offline subscribers. */
function measure(trace: Trace): Json {
  const sent = new Map<number, Packet>();
  const delivered: Record<string, number> = Object.fromEntries(USERS.map((u) => [u, 0]));
  for (const e of trace.entries) {
    if (e.k === 'send') sent.set(e.p.id, e.p);
    if (e.k !== 'deliver') continue;
    const pk = sent.get(e.id);
    if (pk && pk.kind === 'push' && pk.to in delivered && messageOf(pk)) delivered[pk.to]++;
  }
  const publishes = exchanges(trace, { to: 'redis' }).filter((x) => argvOf(x.req)[0] === 'PUBLISH');
  const publishReplies = publishes.map((x) => {
    const r = replyOf(x.reply);
    return r?.type === 'integer' ? Number(r.value) : null;
  });
  // A subscriber missed a message if it had subscribed before and was down when Redis ran the PUBLISH.
  const subscribedAt = new Map<string, number>();
  for (const x of exchanges(trace, { to: 'redis' }))
    if (argvOf(x.req)[0] === 'SUBSCRIBE' && x.reply && !subscribedAt.has(x.req.from))
      subscribedAt.set(x.req.from, x.reply.sentNs);
  const down = downIntervals(trace);
  let missedWhileOffline = 0;
  const missed: Record<string, number> = Object.fromEntries(USERS.map((u) => [u, 0]));
  for (const x of publishes) {
    const t = x.reply?.sentNs;
    if (t === undefined) continue;
    for (const [u, since] of subscribedAt)
      if (since < t && (down.get(u) ?? []).some(([a, b]) => a <= t && t < b)) {
        missedWhileOffline++;
        missed[u]++;
      }
  }
  const listenersReached = publishReplies.reduce<number>((a, n) => a + (n ?? 0), 0);
  return { delivered, publishReplies, missedWhileOffline, missed, listenersReached };
}

/** When each node was down, as [from, to) ns intervals, from its machine's state entries. */
export function downIntervals(trace: Trace): Map<string, [number, number][]> {
  const out = new Map<string, [number, number][]>();
  const since = new Map<string, number>();
  for (const e of trace.entries) {
    if (e.k !== 'state') continue;
    if (e.value === 'down' && !since.has(e.node)) since.set(e.node, e.t);
    else if (e.value !== 'down' && since.has(e.node)) {
      out.set(e.node, [...(out.get(e.node) ?? []), [since.get(e.node)!, e.t]]);
      since.delete(e.node);
    }
  }
  for (const [node, t] of since)
    out.set(node, [...(out.get(node) ?? []), [t, Number.MAX_SAFE_INTEGER]]);
  return out;
}
