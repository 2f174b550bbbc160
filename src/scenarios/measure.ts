import type { Packet, Trace } from '../sim';
import type { Reply } from '../sim/redis';

/** A request packet matched with its reply (if one arrived). */
export interface Exchange {
  req: Packet;
  reply: Packet | null;
  /** When the reply reached the requester (null if never). */
  doneNs: number | null;
}

/**
 * Pairs every request sent from `from` (or any node) to `to` (or any node) with
 * the reply carrying its id, in the order the requests were sent. The base of
 * every scenario's outcome: measured from packets, never from parameters.
 */
export function exchanges(
  trace: Trace,
  filter: { from?: string; to?: string; includeConsole?: boolean } = {},
): Exchange[] {
  const open = new Map<string, Exchange>();
  const out: Exchange[] = [];
  const delivered = new Map<number, number>();
  for (const e of trace.entries) if (e.k === 'deliver') delivered.set(e.id, e.t);
  for (const e of trace.entries) {
    if (e.k !== 'send') continue;
    const p = e.p;
    const pl = p.payload as { rid?: number; re?: number } | null;
    if (p.kind === 'request' && typeof pl?.rid === 'number') {
      if ((filter.from && p.from !== filter.from) || (filter.to && p.to !== filter.to)) continue;
      // The learner's console commands are not the scenario's workload.
      if (!filter.includeConsole && isConsole(p)) continue;
      const x: Exchange = { req: p, reply: null, doneNs: null };
      open.set(`${p.from}>${p.to}#${pl.rid}`, x);
      out.push(x);
    } else if (typeof pl?.re === 'number') {
      const x = open.get(`${p.to}>${p.from}#${pl.re}`);
      if (x && !x.reply) {
        x.reply = p;
        x.doneNs = delivered.get(p.id) ?? null;
      }
    }
  }
  return out;
}

/** A request the learner typed in the console (sent on a `<node>#console` connection). */
export const isConsole = (p: Packet): boolean =>
  ((p.payload as { conn?: string } | null)?.conn ?? '').endsWith('#console');

/** The argv of a Redis request packet. */
export const argvOf = (p: Packet): string[] => (p.payload as { argv?: string[] }).argv ?? [];

/** The Redis reply a reply packet carries (a refused connection reads as an error). */
export function replyOf(p: Packet | null): Reply | null {
  if (!p) return null;
  const pl = p.payload as { reply?: Reply; refused?: boolean };
  if (pl.refused) return { type: 'error', value: 'Connection refused' };
  return pl.reply ?? null;
}

/** Milliseconds between two ns instants, rounded to the microsecond. */
export const spanMs = (fromNs: number, toNs: number): number =>
  Math.round((toNs - fromNs) / 1_000) / 1_000;

/**
 * The p-quantile (0..1) of some numbers by linear interpolation between the
 * closest ranks (the R-7 rule d3-array's `quantile` uses); null when empty.
 */
export function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return Math.round((sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo)) * 1e3) / 1e3;
}
