import {
  Actor,
  fixed,
  msToNs,
  PostgresNode,
  POSTGRES_DEFAULTS,
  quote,
  RedisNode,
  say,
  secToNs,
  usToNs,
  type Json,
  type Packet,
  type Said,
  Trace,
  type World,
} from '../sim';
import type { RecoveryReport } from '../sim/nodes/redis';
import { REDIS_CMD_US, RTT_US } from './commonParams';
import { exchanges } from './measure';
import { latencyMetric } from './run';
import { traceUpTo, type Scoreboard } from './scoreboard';
import type { Intervention, InterventionEvent, ScenarioSpec } from './spec';

/** Every web server the sandbox may have, in order: web-1 … web-8. */
const MAX_WEB = 8;
/**
 * How long an untouched sandbox lasts: long enough to act at any moment (and
 * to see an everysec fsync, a save point, a key's TTL), with no heartbeat, so
 * an empty run is two frames. Each intervention stretches it (run.ts: +2 s).
 */
const HORIZON_NS = secToNs(60);
/** The Summary runs after everything else at the last instant. */
const LAST = 1_000_000;
/** The RDB save point in free play: a snapshot 10 s after any change (real Redis: 3600 s). */
const SANDBOX_SAVE = '10 1';

const SET_UP = 'Step 1 of 2 · Set up';
const MOVES = 'Step 2 of 2 · Your moves';

/** The persistence modes the learner picks from, as Redis config. */
const CONFIG: Record<string, Record<string, string>> = {
  rdb: { appendonly: 'no', save: SANDBOX_SAVE },
  'aof-everysec': { appendonly: 'yes', appendfsync: 'everysec', save: '' },
  'aof-always': { appendonly: 'yes', appendfsync: 'always', save: '' },
  'aof-no': { appendonly: 'yes', appendfsync: 'no', save: '' },
  none: { appendonly: 'no', save: '' },
};

/** The mode as the intro says it. */
const MODE_TEXT: Record<string, string> = {
  rdb: 'RDB snapshots',
  'aof-everysec': 'AOF, fsync every second',
  'aof-always': 'AOF, fsync on every write',
  'aof-no': 'AOF, the OS flushes when it likes',
  none: 'no persistence',
};

/** What a crash of Redis keeps, by persistence mode and crash kind, in words. */
function redisCrashText(mode: string, power: boolean, snapshot: boolean): string {
  if (mode === 'none') return 'nothing is on disk, so it will come back empty';
  if (mode === 'rdb')
    return snapshot
      ? 'only its last RDB snapshot will come back'
      : 'it has taken no RDB snapshot yet, so it will come back empty';
  if (!power)
    return 'the OS still holds every AOF byte Redis wrote, so every reply it sent will come back';
  if (mode === 'aof-always')
    return 'only fsynced AOF bytes survive, and under always every acknowledged write was fsynced';
  if (mode === 'aof-everysec')
    return 'only fsynced AOF bytes survive: writes since the last second’s fsync are gone';
  return 'only AOF bytes the OS happened to flush survive: under appendfsync no, that can be half a minute of writes';
}

/**
 * Free play: pick how many web servers, whether Postgres is there and Redis's
 * persistence; then type redis-cli commands from any web server, crash and
 * restart any node, change any latency, at any moment. The nodes sit idle;
 * every beat after the intro narrates one of the learner's interventions from
 * what the trace shows (the packet that came back, the state the node is in).
 */
export const sandbox: ScenarioSpec = {
  id: 'sandbox',
  title: 'Free play',
  lessonSection: '§9 Free play',
  teaches:
    'Not a lesson: your own cluster. Send commands, crash and restart nodes, change latencies, at any moment.',
  params: [
    {
      name: 'webServers',
      label: 'Web servers',
      type: 'number',
      default: 2,
      min: 1,
      max: MAX_WEB,
      step: 1,
    },
    {
      name: 'postgres',
      label: 'Postgres',
      type: 'boolean',
      default: true,
      help: 'A Postgres node beside Redis, to crash and restart (the console speaks Redis only)',
    },
    {
      name: 'persistence',
      label: 'Redis persistence',
      type: 'choice',
      default: 'rdb',
      choices: Object.keys(CONFIG),
      help: `What a crash keeps: rdb = the last snapshot (save point "${SANDBOX_SAVE}": 10 s after a change); aof-* = the append-only log, fsynced always / every second / when the OS likes; none = nothing`,
    },
    RTT_US,
    REDIS_CMD_US,
    {
      name: 'dbQueryMs',
      label: 'Postgres query time',
      type: 'number',
      default: 0.1,
      min: 0.05,
      max: 200,
      step: 0.05,
      unit: 'ms',
      group: 'latency',
    },
  ],
  pacing: 'step',
  // Redis in the middle, web servers on both sides of it (web-5 … web-8 on the right).
  layout: {
    'web-1': [0, 0],
    'web-2': [0, 1],
    'web-3': [0, 2],
    'web-4': [0, 3],
    redis: [1, 1],
    postgres: [1, 2],
    'web-5': [2, 0],
    'web-6': [2, 1],
    'web-7': [2, 2],
    'web-8': [2, 3],
  },
  build(world, params) {
    const n = Math.max(1, Math.min(MAX_WEB, Math.round(Number(params.webServers))));
    const mode = String(params.persistence) in CONFIG ? String(params.persistence) : 'rdb';
    const withPg = params.postgres === true;
    const redis = world.add(
      new RedisNode(world, 'redis', {
        commandCostNs: usToNs(Number(params.redisCmdUs)),
        config: CONFIG[mode],
      }),
    );
    const pg = withPg
      ? world.add(
          new PostgresNode(world, 'postgres', {
            ...POSTGRES_DEFAULTS,
            queryCostNs: msToNs(Number(params.dbQueryMs)),
            bufferHitRatio: 1,
          }),
        )
      : null;
    const half = fixed(usToNs(Number(params.rttUs)) / 2);
    const webs: Actor[] = [];
    for (let i = 1; i <= n; i++) {
      const web = world.add(new Actor(world, `web-${i}`, 'webServer'));
      webs.push(web);
      world.link(web.id, 'redis', half);
      if (pg) world.link(web.id, 'postgres', half);
    }
    // Rows so the Inspector shows what a Postgres crash keeps (committed rows).
    pg?.seed('users:ada', { name: 'Ada', plan: 'pro' });
    pg?.seed('users:grace', { name: 'Grace', plan: 'free' });

    const story = narrator(world, redis, mode);
    redis.onLoading = story.loading;
    redis.onRecovered = story.recovered;
    redis.onSavePoint = story.savePoint;
    redis.onExpired = story.expired;

    const stores = pg ? 'one Redis and one Postgres' : 'one Redis';
    world.narrate(
      'intro',
      say`Free play: ${quote(n, { param: 'webServers' })} web server${n === 1 ? '' : 's'}, ${stores} (${MODE_TEXT[mode]}). Try: open the Console, pick web-1, type SET greeting hello, then crash redis with its ▾ menu and restart it.`,
      SET_UP,
    );
    // Each web server opens its connection with a PING, as a client pool does on start:
    // the cluster shows it is alive, and the console's first command is not the first packet.
    let answered = 0;
    const pongs: Json[] = [];
    for (const web of webs)
      web.run(web.redis('redis', ['PING']), (reply) => {
        pongs.push(reply);
        if (++answered === webs.length) story.ready(webs[webs.length - 1].id, pongs);
      });
    // The Summary closes the run: at the horizon, or after the last intervention
    // has played out (run.ts sets holdUntilNs once build returns).
    const finale = (): void => {
      const end = Math.max(HORIZON_NS, world.engine.holdUntilNs);
      if (world.nowNs < end) world.engine.at(end, finale, LAST);
      else world.narrate('summary', summaryText(world, story.acted()), 'Summary');
    };
    world.engine.at(HORIZON_NS, finale, LAST);
    return {
      untilNs: HORIZON_NS,
      measure,
      onIntervention: (e) => story.intervention(e),
    };
  },
  scoreboard(trace, tNs) {
    return board(measure(traceUpTo(trace, tNs)) as unknown as Outcome);
  },
};

/** What free play measured: the learner's actions and what came of them. */
interface Outcome {
  commands: number;
  replies: number;
  errors: number;
  crashes: number;
  restarts: number;
  latencyChanges: number;
  redisKeys: number;
}

/**
 * Reads the outcome off the trace: console requests sent, their replies that
 * arrived (errors among them, a refused connection included), nodes that went
 * down and came back (state changes), latency changes (their metrics), and
 * the keys Redis holds at the end.
 */
function measure(trace: Trace): Json {
  const xs = exchanges(trace, { includeConsole: true });
  const answered = xs.filter((x) => x.reply !== null && x.doneNs !== null);
  let crashes = 0;
  let restarts = 0;
  const last = new Map<string, string>();
  for (const e of trace.entries) {
    if (e.k !== 'state') continue;
    const was = last.get(e.node);
    if (isDown(e.value) && was !== undefined && !isDown(was)) crashes++;
    if (was !== undefined && isDown(was) && !isDown(e.value)) restarts++;
    last.set(e.node, e.value);
  }
  const latencyChanges = trace.entries.filter(
    (e) => e.k === 'metric' && e.name.startsWith('latency '),
  ).length;
  const held = trace.stateAt(trace.endNs).data.redis ?? {};
  const out: Outcome = {
    commands: xs.length,
    replies: answered.length,
    errors: answered.filter((x) => x.reply?.kind === 'error').length,
    crashes,
    restarts,
    latencyChanges,
    redisKeys: Object.keys(held).filter((k) => !k.startsWith('#')).length,
  };
  return out as unknown as Json;
}

const isDown = (state: string): boolean => state === 'crashed' || state === 'down';

function board(o: Outcome): Scoreboard {
  return {
    title: 'Your session',
    rows: [
      { label: 'Commands', cells: [{ v: o.commands, of: 'commands' }] },
      { label: 'Replies', tone: 'good', cells: [{ v: o.replies, of: 'replies' }] },
      { label: 'Errors', tone: 'bad', cells: [{ v: o.errors, of: 'errors' }] },
      { label: 'Crashes', tone: 'warn', cells: [{ v: o.crashes, of: 'crashes' }] },
      { label: 'Restarts', cells: [{ v: o.restarts, of: 'restarts' }] },
      { label: 'Keys in Redis', tone: 'muted', cells: [{ v: o.redisKeys, of: 'redisKeys' }] },
    ],
  };
}

/** The board as it stands now (every entry so far): what a beat quotes. */
function boardNow(world: World): Scoreboard {
  return board(measure(worldTrace(world)) as unknown as Outcome);
}

/** A quote of a scoreboard cell as it stands now. */
function score(world: World, row: string): ReturnType<typeof quote> {
  const r = boardNow(world).rows.find((x) => x.label === row);
  return quote(String(r?.cells[0]?.v ?? 0), { score: row });
}

/** The entries so far as a Trace, for the beats that quote the board. */
function worldTrace(world: World): Trace {
  // Beats are few (one or two per learner action), so a fresh Trace each is cheap enough.
  return new Trace(world.entries.slice());
}

/** A board cell quoted with its noun, singular or plural as the number asks: "1 key", "3 keys". */
function counted(world: World, row: string, one: string, many: string): Said {
  const q = score(world, row);
  return say`${q} ${q.text === '1' ? one : many}`;
}

/**
 * The closing beat: what the session did, in the board's numbers. `acted`:
 * whether the learner made any intervention (else only the opening PINGs ran).
 */
function summaryText(world: World, acted: boolean): Said {
  const keys = counted(world, 'Keys in Redis', 'key', 'keys');
  const traffic = join([
    counted(world, 'Commands', 'command', 'commands'),
    ' (the opening PINGs included) and got ',
    counted(world, 'Replies', 'reply', 'replies'),
    say`, ${score(world, 'Errors')} of them errors`,
  ]);
  if (!acted)
    return join([
      'Nothing else happened: the web servers sent ',
      traffic,
      ', then sat idle; Redis holds ',
      keys,
      '. Send a command from the Console or crash a node: it happens at the moment you are looking at.',
    ]);
  return join([
    'Your session: the web servers sent ',
    traffic,
    '; nodes crashed ',
    counted(world, 'Crashes', 'time', 'times'),
    ' and restarted ',
    counted(world, 'Restarts', 'time', 'times'),
    '; Redis ends with ',
    keys,
    '.',
  ]);
}

/** The latest packet `from` sent to `to` (the request a console command just sent). */
function lastSent(world: World, from: string, to: string): Packet | null {
  for (let i = world.entries.length - 1; i >= 0; i--) {
    const e = world.entries[i];
    if (e.k === 'send' && e.p.from === from && e.p.to === to) return e.p;
  }
  return null;
}

/** The packet whose delivery to `to` is the latest entry of its kind now (a reply arriving). */
function lastDelivered(world: World, to: string): Packet | null {
  for (let i = world.entries.length - 1; i >= 0; i--) {
    const e = world.entries[i];
    if (e.t < world.nowNs) return null;
    if (e.k !== 'deliver') continue;
    for (let j = i - 1; j >= 0; j--) {
      const s = world.entries[j];
      if (s.k === 'send' && s.p.id === e.id) return s.p.to === to ? s.p : null;
    }
  }
  return null;
}

/** Joins pieces of narration (plain words or Saids) into one Said, keeping every quote. */
function join(parts: (string | Said)[]): Said {
  return {
    text: parts.map((p) => (typeof p === 'string' ? p : p.text)).join(''),
    quotes: parts.flatMap((p) => (typeof p === 'string' ? [] : p.quotes)),
  };
}

/**
 * The sandbox's storyteller: one beat per intervention and per thing the
 * intervention caused in Redis (loading, recovery, a save point, an expiry),
 * each from the trace as it stands at that instant. Per-run state (which
 * nodes are down) lives in this closure.
 */
function narrator(world: World, redis: RedisNode, mode: string) {
  const down = new Set<string>();
  /** Once the learner has acted, every beat belongs to step 2 (steps never go back). */
  let moved = false;
  const kindOf = (id: string): string => world.node(id).kind;

  function act(iv: Intervention): void {
    if (iv.kind === 'crash') {
      const was = down.has(iv.node);
      down.add(iv.node);
      if (was) {
        world.narrate(
          `crash-${iv.node}`,
          `${iv.node} is already down: nothing more to crash.`,
          MOVES,
        );
        return;
      }
      const kind = kindOf(iv.node);
      const power = iv.crashKind === 'power-loss';
      const text =
        kind === 'redis'
          ? `You ${power ? 'pulled the power on' : 'killed the process of'} ${iv.node}: its memory is gone, and ${redisCrashText(mode, power, redis.disk.rdb !== null)}. Until you restart it, its host refuses every connection.`
          : kind === 'postgres'
            ? `You crashed ${iv.node}: queries in flight fail and their connections reset. Its committed rows are safe in the WAL on disk.`
            : `You crashed ${iv.node}: its process is gone, and its kernel closes its connection to redis. Commands typed on ${iv.node} go nowhere until you restart it.`;
      world.narrate(`crash-${iv.node}`, text, MOVES);
    } else if (iv.kind === 'restart') {
      const was = down.has(iv.node);
      down.delete(iv.node);
      if (!was) {
        world.narrate(
          `restart-${iv.node}`,
          `${iv.node} is running: there is nothing to restart.`,
          MOVES,
        );
        return;
      }
      // Redis said it already: its restart called onLoading.
      if (kindOf(iv.node) === 'redis') return;
      world.narrate(
        `restart-${iv.node}`,
        kindOf(iv.node) === 'postgres'
          ? `${iv.node} restarts: every committed row is still there, replayed from the WAL.`
          : `${iv.node} restarts with empty memory and new connections; it can send commands again.`,
        MOVES,
      );
    } else if (iv.kind === 'latency') {
      const metric = latencyMetric(iv);
      const us = quote(String(Math.max(0, iv.us)), { metric });
      world.narrate(
        `latency-${iv.node}${iv.peer === undefined ? '' : `-${iv.peer}`}`,
        iv.peer !== undefined
          ? say`From this moment on, ${us} µs each way on the link ${iv.node} ↔ ${iv.peer} (you changed it): a round trip over it takes twice that. Packets already on the wire keep their old delay.`
          : kindOf(iv.node) === 'redis'
            ? say`From this moment on, ${us} µs per command on ${iv.node} (you changed it): each command holds the single thread that long, and the rest queue behind it. The one running now keeps its old cost.`
            : say`From this moment on, ${us} µs per query on ${iv.node} (you changed it); queries already running keep theirs.`,
        MOVES,
      );
    } else {
      const sent = down.has(iv.from) ? null : lastSent(world, iv.from, iv.node);
      if (!sent || sent.sentNs !== world.nowNs) {
        world.narrate(
          `command-${iv.from}`,
          `${iv.from} is down, so your command never left it: restart ${iv.from} first (its ▾ menu).`,
          MOVES,
        );
        return;
      }
      world.narrate(
        `command-${iv.from}`,
        say`${iv.from} sends ${quote(sent.label, { packet: sent.id })} to ${iv.node}: one round trip, then Redis's single thread runs it.`,
        MOVES,
      );
    }
  }

  function replied(iv: Extract<Intervention, { kind: 'command' }>, reply: Json): void {
    const p = lastDelivered(world, iv.from);
    if (!p) return;
    const r = reply as { type?: string; value?: unknown };
    const text = quote(p.label, { packet: p.id, delivered: true });
    const err = typeof r.value === 'string' ? r.value : '';
    const why =
      r.type !== 'error'
        ? ' The Inspector shows what redis holds now.'
        : err === 'Connection refused'
          ? ` ${iv.node} is down: its host refused the connection, as redis-cli would report.`
          : err.startsWith('LOADING')
            ? ` ${iv.node} is still loading its data from disk: try again in a moment.`
            : ' An error reply: nothing changed.';
    world.narrate(
      `reply-${iv.from}`,
      join([say`${iv.node} answered ${iv.from}: ${text} —`, why]),
      MOVES,
    );
  }

  return {
    /** Whether the learner has made any intervention so far. */
    acted: (): boolean => moved,
    intervention: (e: InterventionEvent): void => {
      moved = true;
      if (e.phase === 'act') act(e.iv);
      else replied(e.iv, e.reply);
    },
    /** Every web server's opening PING came back; `last` got the last reply. */
    ready: (last: string, replies: Json[]): void => {
      const p = lastDelivered(world, last);
      if (!p) return;
      const ok = replies.every((r) => (r as { type?: string }).type !== 'error');
      world.narrate(
        'ready',
        ok
          ? say`Each web server opened its connection to redis with PING and got ${quote(p.label, { packet: p.id, delivered: true })}: the cluster is ready for your commands.`
          : 'Each web server opened its connection to redis with PING, but not every one got PONG: redis was not serving.',
        moved ? MOVES : SET_UP,
      );
    },
    loading: (source: 'aof' | 'rdb' | 'none'): void => {
      const disk = { data: 'redis', key: source === 'aof' ? '#aof' : '#rdb' };
      world.narrate(
        'loading',
        source === 'aof'
          ? say`You restarted redis: it replays its AOF (${quote(redis.disk.aof.length, disk)} commands) before serving; until then every command gets -LOADING.`
          : source === 'rdb'
            ? say`You restarted redis: it loads its last RDB snapshot (${quote(redis.disk.rdb?.keys ?? 0, disk)} keys) before serving; until then every command gets -LOADING.`
            : 'You restarted redis: with no snapshot and no AOF on disk, it comes back empty.',
        MOVES,
      );
    },
    recovered: (report: RecoveryReport): void => {
      const from =
        report.source === 'none'
          ? 'with nothing on disk'
          : `from its ${report.source.toUpperCase()}`;
      const lost = report.keys.slice(0, 4);
      const lostText: (string | Said)[] =
        report.keys.length === 0
          ? [' Nothing it held before the crash was lost.']
          : [
              ' Lost: ',
              ...lost.flatMap((k, i) => [
                i ? ', ' : '',
                { text: k.key, quotes: [quote(k.key, { data: 'redis', key: '#lost' })] },
              ]),
              report.keys.length > lost.length ? ' and more (see the Inspector).' : '.',
            ];
      world.narrate(
        'recovered',
        join([
          `redis is back, loaded ${from}.`,
          ...lostText,
          ' It holds ',
          counted(world, 'Keys in Redis', 'key', 'keys'),
          '.',
        ]),
        MOVES,
      );
    },
    savePoint: (): void => {
      world.narrate(
        'bgsave',
        say`The save point "${quote(SANDBOX_SAVE, { data: 'redis', key: '#rdb' })}" is met (a change, and time since the last save): redis forks a child that writes a snapshot while it keeps serving.`,
        MOVES,
      );
    },
    expired: (): void => {
      world.narrate(
        'expired',
        join([
          '⏱ A TTL ran out: redis deleted the key on its own. It now holds ',
          counted(world, 'Keys in Redis', 'key', 'keys'),
          '.',
        ]),
        MOVES,
      );
    },
  };
}
