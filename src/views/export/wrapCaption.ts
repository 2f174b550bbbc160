/**
 * Breaks a caption into lines no wider than `maxWidth` (as `measure` says, e.g.
 * a canvas's measureText), at spaces; a word wider than a line is cut. Past
 * `maxLines` the last line ends with an ellipsis. Pure given `measure`.
 */
export function wrapCaption(
  text: string,
  maxWidth: number,
  measure: (s: string) => number,
  maxLines = 3,
): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  const push = (s: string): void => {
    lines.push(s);
  };
  for (let word of words) {
    const tried = line ? `${line} ${word}` : word;
    if (measure(tried) <= maxWidth) {
      line = tried;
      continue;
    }
    if (line) push(line);
    line = '';
    // A single word wider than the line (a long key name) is cut where it overflows.
    while (measure(word) > maxWidth && word.length > 1) {
      let n = word.length - 1;
      while (n > 1 && measure(word.slice(0, n)) > maxWidth) n--;
      push(word.slice(0, n));
      word = word.slice(n);
    }
    line = word;
  }
  if (line) push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let tail = `${kept[maxLines - 1]}…`;
  while (measure(tail) > maxWidth && tail.length > 1) tail = `${tail.slice(0, -2)}…`;
  kept[maxLines - 1] = tail;
  return kept;
}
