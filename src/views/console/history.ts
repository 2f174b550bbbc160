/**
 * Command history for one console: the lines sent, oldest first, where Up/Down
 * is, and the draft that was being typed before the walk began (so walking
 * never loses it). Plain data; every function is pure.
 */
export interface History {
  entries: readonly string[];
  /** Index into entries being shown, or -1 while on the draft. */
  at: number;
  draft: string;
}

/** How many lines are kept (linenoise's default). */
export const HISTORY_MAX = 100;

/** An empty history. */
export function emptyHistory(): History {
  return { entries: [], at: -1, draft: '' };
}

/**
 * Records a sent line and returns to the (now empty) draft. Like linenoise, a
 * line equal to the latest entry is not stored twice; the oldest fall off
 * beyond HISTORY_MAX.
 */
export function pushHistory(h: History, line: string): History {
  const last = h.entries[h.entries.length - 1];
  const entries =
    line === '' || line === last ? h.entries : [...h.entries, line].slice(-HISTORY_MAX);
  return { entries, at: -1, draft: '' };
}

/** Up: one line older (the draft `current` is kept when the walk starts); stays at the oldest. */
export function historyUp(h: History, current: string): { history: History; line: string } {
  if (h.entries.length === 0) return { history: h, line: current };
  const draft = h.at < 0 ? current : h.draft;
  const at = h.at < 0 ? h.entries.length - 1 : Math.max(0, h.at - 1);
  return { history: { ...h, at, draft }, line: h.entries[at] };
}

/** Down: one line newer; past the newest, back to the draft. */
export function historyDown(h: History, current: string): { history: History; line: string } {
  if (h.at < 0) return { history: h, line: current };
  const at = h.at + 1 >= h.entries.length ? -1 : h.at + 1;
  return { history: { ...h, at }, line: at < 0 ? h.draft : h.entries[at] };
}

/** Escape during a walk: back to the draft. Outside a walk, nothing changes. */
export function historyEscape(h: History, current: string): { history: History; line: string } {
  if (h.at < 0) return { history: h, line: current };
  return { history: { ...h, at: -1 }, line: h.draft };
}
