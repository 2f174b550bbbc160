import type { Actor, Op, Packet, Proc, Reply, World } from '../sim';

/**
 * Runs `actor.redis(to, argv, conn)` unchanged and resumes with the reply and
 * the reply packet, so narration can quote the reply with
 * `{ packet: packet.id, delivered: true }`. The request is the first packet the
 * actor sends when the call's operation starts (operations run synchronously);
 * the reply is the packet that answers its request id.
 */
export function* redisCall(
  world: World,
  actor: Actor,
  to: string,
  argv: string[],
  conn?: string,
): Proc<{ reply: Reply; packet: Packet | null }> {
  const inner = actor.redis(to, argv, conn);
  let from = -1;
  let step = inner.next();
  while (!step.done) {
    const op = step.value;
    const wrapped: Op = (resume) => {
      if (from < 0) from = world.entries.length;
      op(resume);
    };
    step = inner.next(yield wrapped);
  }
  return { reply: step.value, packet: replyPacket(world, actor.id, to, from) };
}

/** The packet from `to` answering the first request `actorId` sent at or after entry `from`. */
function replyPacket(world: World, actorId: string, to: string, from: number): Packet | null {
  const { entries } = world;
  let rid: number | undefined;
  for (let i = Math.max(0, from); i < entries.length && rid === undefined; i++) {
    const e = entries[i];
    if (e.k === 'send' && e.p.from === actorId && e.p.to === to)
      rid = (e.p.payload as { rid?: number } | null)?.rid;
  }
  if (rid === undefined) return null;
  for (let i = entries.length - 1; i >= from; i--) {
    const e = entries[i];
    if (e.k !== 'send' || e.p.from !== to || e.p.to !== actorId) continue;
    if ((e.p.payload as { re?: number } | null)?.re === rid) return e.p;
  }
  return null;
}
