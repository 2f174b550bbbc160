import type { CommandSpec } from '../command';
import type { Engine } from '../engine';
import { globMatch } from '../glob';
import { bulk, integer, type Reply } from '../reply';

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

/** PUBLISH: channel subscribers first, then pattern matches; both count. */
function publish(e: Engine, a: string[]): Reply {
  const [, channel, message] = a;
  let n = 0;
  for (const client of e.channelSubs.get(channel) ?? []) {
    e.pushes.push({
      client,
      reply: { type: 'array', value: [bulk('message'), bulk(channel), bulk(message)] },
    });
    n++;
  }
  for (const [pat, clients] of e.patternSubs) {
    if (!globMatch(pat, channel)) continue;
    for (const client of clients) {
      e.pushes.push({
        client,
        reply: {
          type: 'array',
          value: [bulk('pmessage'), bulk(pat), bulk(channel), bulk(message)],
        },
      });
      n++;
    }
  }
  return integer(n);
}

function ping(e: Engine, a: string[]): Reply {
  const c = e.clientState(e.client);
  if (c.channels.size + c.patterns.size > 0) {
    return { type: 'array', value: [bulk('pong'), bulk(a.length > 1 ? a[1] : '')] };
  }
  return a.length > 1 ? bulk(a[1]) : { type: 'simple', value: 'PONG' };
}

export const pubsubCommands: Record<string, CommandSpec> = {
  subscribe: { arity: -2, run: subscribeGeneric(false), pubsub: true },
  psubscribe: { arity: -2, run: subscribeGeneric(true), pubsub: true },
  unsubscribe: { arity: -1, run: unsubscribeGeneric(false), pubsub: true },
  punsubscribe: { arity: -1, run: unsubscribeGeneric(true), pubsub: true },
  publish: { arity: 3, run: publish },
  ping: {
    arity: -1,
    pubsub: true,
    run: (e, a) =>
      a.length > 2
        ? { type: 'error', value: "ERR wrong number of arguments for 'ping' command" }
        : ping(e, a),
  },
};
