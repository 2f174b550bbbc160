import type { Intervention } from '../../scenarios';
import { formatDuration } from '../../sim/time';
import { joinArgv } from '../splitArgv';

/** How many intervention chips the toolbar shows before a "+N more" chip. */
export const CHIPS_SHOWN = 3;

/**
 * A toolbar chip's text: '✕ redis crash at 1.2 s', '↻ redis restart at 2 s',
 * or '> SET k "two words" at 3 ms', the command written as the console echoes
 * it (quoted where needed, so it can be pasted back). Pure.
 */
export function describeIntervention(iv: Intervention): string {
  const at = `at ${formatDuration(iv.tNs)}`;
  if (iv.kind === 'crash')
    return `✕ ${iv.node} ${iv.crashKind === 'power-loss' ? 'power loss' : 'crash'} ${at}`;
  if (iv.kind === 'restart') return `↻ ${iv.node} restart ${at}`;
  if (iv.kind === 'latency')
    return `⏱ ${iv.peer === undefined ? iv.node : `${iv.node}↔${iv.peer}`} ${iv.us} µs ${at}`;
  return `> ${joinArgv(iv.argv)} ${at}`;
}

/**
 * The chips to show: the latest CHIPS_SHOWN interventions (the ones Undo
 * reaches first) and how many earlier ones hide behind "+N more". Pure.
 */
export function visibleChips(ivs: readonly Intervention[]): {
  hidden: string[];
  shown: string[];
} {
  const all = ivs.map(describeIntervention);
  const cut = Math.max(0, all.length - CHIPS_SHOWN);
  return { hidden: all.slice(0, cut), shown: all.slice(cut) };
}
