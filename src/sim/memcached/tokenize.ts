/** Tokens of one command line, as memcached's tokenize_command splits them. */
export interface TokenizedLine {
  /** The words, split on ' ' only (tabs and other bytes stay inside words). */
  words: string[];
  /** What was left unsplit after MAX_TOKENS - 1 words, or null. */
  rest: string | null;
}

/** proto_text.c's MAX_TOKENS: 23 words plus the terminal token. */
export const MAX_TOKENS = 24;

/**
 * Splits a command line like tokenize_command: on single spaces, at most
 * MAX_TOKENS - 1 words, the remainder kept for multi-key gets. Pure.
 */
export function tokenize(line: string, maxTokens = MAX_TOKENS): TokenizedLine {
  const words: string[] = [];
  let s = 0;
  for (let e = 0; e < line.length; e++) {
    if (line[e] !== ' ') continue;
    if (s !== e) {
      words.push(line.slice(s, e));
      if (words.length === maxTokens - 1) {
        const restAt = e + 1;
        return { words, rest: restAt < line.length ? line.slice(restAt) : null };
      }
    }
    s = e + 1;
  }
  if (s !== line.length) words.push(line.slice(s));
  return { words, rest: null };
}
