import type { CommandSpec } from '../command';
import type { Engine } from '../engine';
import { globMatch } from '../glob';
import { array, bulk, bulkArray, error, integer, simple, type Reply } from '../reply';

function frame(kind: string, name: string | null, count: number): Reply {
  return { type: 'array', value: [bulk(kind), bulk(name), integer(count)] };
}

function many(replies: Reply[]): Reply {
  return replies.length === 1 ? replies[0] : { type: 'multi', replies };
}

function subCount(e: Engine): number {
  const c = e.clientState(e.client);
  return c.channels.size + c.patterns.size;
}

function subscribeGeneric(pattern: boolean) {
  return (e: Engine, a: string[]): Reply => {
    const c = e.clientState(e.client);
    const mine = pattern ? c.patterns : c.channels;
    const registry = pattern ? e.patternSubs : e.channelSubs;
    const out: Reply[] = [];
    for (let i = 1; i < a.length; i++) {
      if (!mine.has(a[i])) {
        mine.add(a[i]);
        const list = registry.get(a[i]);
        if (list) list.push(e.client);
        else registry.set(a[i], [e.client]);
      }
      out.push(frame(pattern ? 'psubscribe' : 'subscribe', a[i], subCount(e)));
    }
    return many(out);
  };
}

function unsubscribeGeneric(pattern: boolean) {
  return (e: Engine, a: string[]): Reply => {
    const c = e.clientState(e.client);
    const mine = pattern ? c.patterns : c.channels;
    const registry = pattern ? e.patternSubs : e.channelSubs;
    const kind = pattern ? 'punsubscribe' : 'unsubscribe';
    const names = a.length > 1 ? a.slice(1) : [...mine];
    if (names.length === 0) return frame(kind, null, subCount(e));
    const out: Reply[] = [];
    for (const name of names) {
      if (mine.delete(name)) {
        const list = registry.get(name)!;
        list.splice(list.indexOf(e.client), 1);
        if (list.length === 0) registry.delete(name);
      }
      out.push(frame(kind, name, subCount(e)));
    }
    return many(out);
  };
}

/**
 * PUBLISH: channel subscribers first, then pattern matches; both count. A
 * client that gets its own message (it SUBSCRIBEd and PUBLISHed in one EXEC)
 * has it written before the PUBLISH reply, inside the EXEC array, as Redis
 * writes both to the same output buffer.
 */
function publish(e: Engine, a: string[]): Reply {
  const [, channel, message] = a;
  const own: Reply[] = [];
  let n = 0;
  const deliver = (client: string, reply: Reply) => {
    if (client === e.client) own.push(reply);
    else e.pushes.push({ client, reply });
    n++;
  };
  for (const client of e.channelSubs.get(channel) ?? []) {
    deliver(client, { type: 'array', value: [bulk('message'), bulk(channel), bulk(message)] });
  }
  for (const [pat, clients] of e.patternSubs) {
    if (!globMatch(pat, channel)) continue;
    for (const client of clients) {
      deliver(client, {
        type: 'array',
        value: [bulk('pmessage'), bulk(pat), bulk(channel), bulk(message)],
      });
    }
  }
  return own.length === 0 ? integer(n) : { type: 'multi', replies: [...own, integer(n)] };
}

function ping(e: Engine, a: string[]): Reply {
  const c = e.clientState(e.client);
  if (c.channels.size + c.patterns.size > 0) {
    return { type: 'array', value: [bulk('pong'), bulk(a.length > 1 ? a[1] : '')] };
  }
  return a.length > 1 ? bulk(a[1]) : { type: 'simple', value: 'PONG' };
}

const PUBSUB_HELP = [
  'PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CHANNELS [<pattern>]',
  "    Return the currently active channels matching a <pattern> (default: '*').",
  'NUMPAT',
  '    Return number of subscriptions to patterns.',
  'NUMSUB [<channel> ...]',
  '    Return the number of subscribers for the specified channels, excluding',
  '    pattern subscriptions(default: no channels).',
  'SHARDCHANNELS [<pattern>]',
  "    Return the currently active shard level channels matching a <pattern> (default: '*').",
  'SHARDNUMSUB [<shardchannel> ...]',
  '    Return the number of subscribers for the specified shard level channel(s)',
  'HELP',
  '    Prints this help.',
];

/** addReplySubcommandSyntaxError, for a subcommand given too many arguments. */
function subcommandSyntaxError(a: string[]): Reply {
  return error(
    `ERR unknown subcommand or wrong number of arguments for '${a[1].slice(0, 128)}'. Try PUBSUB HELP.`,
  );
}

/** PUBSUB CHANNELS / SHARDCHANNELS; the store has no shard channels. */
function channelList(shard: boolean) {
  return (e: Engine, a: string[]): Reply => {
    if (a.length > 3) return subcommandSyntaxError(a);
    if (shard) return array([]);
    const out: string[] = [];
    for (const name of e.channelSubs.keys()) {
      if (a.length === 2 || globMatch(a[2], name)) out.push(name);
    }
    return bulkArray(out);
  };
}

function numsub(shard: boolean) {
  return (e: Engine, a: string[]): Reply => {
    const out: Reply[] = [];
    for (let j = 2; j < a.length; j++) {
      out.push(bulk(a[j]), integer(shard ? 0 : (e.channelSubs.get(a[j])?.length ?? 0)));
    }
    return array(out);
  };
}

/** PUBSUB: the introspection container (pubsubCommand). */
export const pubsubCommand: CommandSpec = {
  arity: -2,
  run: () => error('ERR unknown subcommand'),
  subcommands: {
    channels: { arity: -2, run: channelList(false) },
    shardchannels: { arity: -2, run: channelList(true) },
    numsub: { arity: -2, run: numsub(false) },
    shardnumsub: { arity: -2, run: numsub(true) },
    numpat: { arity: 2, run: (e) => integer(e.patternSubs.size) },
    help: { arity: 2, run: () => array(PUBSUB_HELP.map((l) => simple(l))) },
  },
};

export const pubsubCommands: Record<string, CommandSpec> = {
  subscribe: { arity: -2, run: subscribeGeneric(false), pubsub: true },
  psubscribe: { arity: -2, run: subscribeGeneric(true), pubsub: true },
  unsubscribe: { arity: -1, run: unsubscribeGeneric(false), pubsub: true },
  punsubscribe: { arity: -1, run: unsubscribeGeneric(true), pubsub: true },
  publish: { arity: 3, run: publish },
  pubsub: pubsubCommand,
  ping: {
    arity: -1,
    pubsub: true,
    run: (e, a) =>
      a.length > 2
        ? { type: 'error', value: "ERR wrong number of arguments for 'ping' command" }
        : ping(e, a),
  },
};
