import { describe, expect, it } from 'vitest';
import type { History } from '../../../src/views/console/history';
import {
  HISTORY_MAX,
  emptyHistory,
  historyDown,
  historyEscape,
  historyUp,
  pushHistory,
} from '../../../src/views/console/history';

type Key = 'up' | 'down' | 'esc';
const step = { up: historyUp, down: historyDown, esc: historyEscape };

/** Types `draft`, presses `keys`, and returns the line after each key. */
function walk(sent: string[], draft: string, keys: Key[]): string[] {
  let h: History = sent.reduce(pushHistory, emptyHistory());
  let line = draft;
  return keys.map((k) => {
    ({ history: h, line } = step[k](h, line));
    return line;
  });
}

describe('history', () => {
  it.each<{ keys: Key[]; want: string[] }>([
    { keys: ['up', 'up', 'up'], want: ['GET b', 'SET a 1', 'SET a 1'] },
    { keys: ['up', 'down'], want: ['GET b', 'SET b'] },
    {
      keys: ['up', 'up', 'down', 'down', 'down'],
      want: ['GET b', 'SET a 1', 'GET b', 'SET b', 'SET b'],
    },
    { keys: ['up', 'up', 'esc'], want: ['GET b', 'SET a 1', 'SET b'] },
    { keys: ['down', 'esc'], want: ['SET b', 'SET b'] },
  ])('walking $keys from the draft "SET b" shows $want', ({ keys, want }) => {
    expect(walk(['SET a 1', 'GET b'], 'SET b', keys)).toEqual(want);
  });

  it('pushHistory skips a repeat of the last line and keeps HISTORY_MAX lines', () => {
    expect(['a', 'a', 'b', 'a'].reduce(pushHistory, emptyHistory()).entries).toEqual([
      'a',
      'b',
      'a',
    ]);
    const many = Array.from({ length: HISTORY_MAX + 5 }, (_, i) => `GET k${i}`);
    const h = many.reduce(pushHistory, emptyHistory());
    expect(h.entries).toHaveLength(HISTORY_MAX);
    expect(h.entries[0]).toBe('GET k5');
  });

  it('historyUp on an empty history keeps the line', () => {
    expect(historyUp(emptyHistory(), 'draft').line).toBe('draft');
  });
});
