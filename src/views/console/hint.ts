import type { CommandDoc } from './commandDocs';
import { commandDocs } from './commandDocs';
import { splitArgv } from '../splitArgv';

/** An inline hint: the text to grey out after the typed line, and the command it is for. */
export interface Hint {
  /** What redis-cli would print after the buffer (may start with a space). */
  text: string;
  doc: CommandDoc;
}

/**
 * The command a typed line names: the entry whose words are the longest
 * case-insensitive prefix of the line's arguments ('config get x' finds
 * CONFIG GET), or null. Pure.
 */
export function matchCommand(argv: readonly string[]): CommandDoc | null {
  let best: CommandDoc | null = null;
  for (const d of commandDocs) {
    if (d.words.length > argv.length || (best && d.words.length <= best.words.length)) continue;
    if (d.words.every((w, j) => w.toLowerCase() === argv[j].toLowerCase())) best = d;
  }
  return best;
}

/**
 * The hint redis-cli 7.0 (hintsCallback) shows after `line`: the command's
 * syntax with one word dropped per argument already typed, stopping at the
 * first optional '[' (so options stay visible); a leading space when the line
 * does not end in one. null when the line is empty, has unbalanced quotes or
 * names no known command. Pure.
 */
export function hintFor(line: string): Hint | null {
  const argv = splitArgv(line);
  if (!argv || argv.length === 0) return null;
  const doc = matchCommand(argv);
  if (!doc) return null;
  let text = doc.syntax;
  let toRemove = argv.length - doc.words.length;
  // redis-cli strips character by character, counting spaces, until '['.
  while (toRemove > 0 && text.length > 0) {
    if (text[0] === '[') break;
    if (text[0] === ' ') toRemove--;
    text = text.slice(1);
  }
  if (!/\s$/.test(line)) text = ` ${text}`;
  return { text, doc };
}
