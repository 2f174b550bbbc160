import { SPEEDS } from './speeds';

/** What a key does to the player: an action, or `speed` with the index into SPEEDS. */
export type KeyAction =
  'toggle' | 'back' | 'forward' | 'start' | 'end' | 'help' | { speed: (typeof SPEEDS)[number] };

/**
 * Maps a keydown to a player action, or null (digits pick a speed). Keys typed into a text field,
 * select or slider are left alone, and Space on a button stays a click. Pure.
 */
export function keyAction(e: {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target?: EventTarget | null;
}): KeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const el = e.target as { tagName?: string; isContentEditable?: boolean; type?: string } | null;
  const tag = el?.tagName?.toLowerCase();
  if (tag === 'input' || tag === 'textarea' || tag === 'select' || el?.isContentEditable)
    return null;
  const onButton = tag === 'button' || tag === 'a' || tag === 'summary';
  switch (e.key) {
    case ' ':
    case 'Spacebar':
      return onButton ? null : 'toggle';
    case 'k':
    case 'K':
      return 'toggle';
    case 'ArrowLeft':
    case ',':
      return 'back';
    case 'ArrowRight':
    case '.':
      return 'forward';
    case 'Home':
      return 'start';
    case 'End':
      return 'end';
    case '?':
      return 'help';
    default: {
      // Digits 1–6 pick the speeds in order (0.25× … 8×), as the help dialog lists.
      const d = /^[1-9]$/.test(e.key) ? Number(e.key) : 0;
      return d >= 1 && d <= SPEEDS.length ? { speed: SPEEDS[d - 1] } : null;
    }
  }
}
