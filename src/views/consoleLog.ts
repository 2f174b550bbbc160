import type { Json, Trace } from '../sim';
import type { Intervention } from '../scenarios';

type Command = Extract<Intervention, { kind: 'command' }>;

/** One console command and, once it came back, its reply. */
export interface ConsoleLine {
  iv: Command;
  /** Simulated time the reply reached the sender, or null if it never did. */
  replyNs: number | null;
  /** The reply as recorded (a Reply), or null. */
  reply: Json;
}

/**
 * Pairs each command intervention with its reply: the first '#console' data
 * entry on the sending node, at or after the command, with the same argv. Pure.
 */
export function consoleLines(trace: Trace, interventions: readonly Intervention[]): ConsoleLine[] {
  const used = new Set<number>();
  const out: ConsoleLine[] = [];
  for (const iv of interventions) {
    if (iv.kind !== 'command') continue;
    const want = JSON.stringify(iv.argv);
    let line: ConsoleLine = { iv, replyNs: null, reply: null };
    for (let i = trace.lastIndexAtOrBefore(iv.tNs - 1) + 1; i < trace.entries.length; i++) {
      const e = trace.entries[i];
      if (used.has(i) || e.k !== 'data' || e.node !== iv.from || e.key !== '#console') continue;
      const v = e.value as { argv?: Json; reply?: Json } | null;
      if (!v || JSON.stringify(v.argv) !== want) continue;
      used.add(i);
      line = { iv, replyNs: e.t, reply: v.reply ?? null };
      break;
    }
    out.push(line);
  }
  return out;
}
