/**
 * Where a number or reply quoted by a narration beat comes from, so a test can
 * check it against what the trace holds at that beat's frame:
 * - `packet`: the text appears in the packet's label; the packet was sent by
 *   the beat (and, with `delivered`, has arrived: the picture shows it);
 * - `data`: the text appears in the JSON of the node's item at the beat;
 * - `param`: the text is the run's parameter value;
 * - `score`: the text is the scoreboard cell (row label, column index) at the beat;
 * - `metric`: the text is the metric's latest value at the beat.
 */
export type QuoteSource =
  | { packet: number; delivered?: boolean }
  | { data: string; key: string }
  | { param: string }
  | { score: string; col?: number }
  | { metric: string };

/** One quoted span of a narration text and its source. */
export interface Quote {
  text: string;
  src: QuoteSource;
}

/** A narration text with its quotes, as `say` builds it. */
export interface Said {
  text: string;
  quotes: Quote[];
}

/** Builds one quote: `text` as shown, `src` where the trace holds it. */
export function quote(text: string | number, src: QuoteSource): Quote {
  return { text: String(text), src };
}

/**
 * Tagged template for narration: `say\`LPUSH replied ${quote(n, { packet: id })}\``.
 * Plain strings are inlined as they are (words, names); quotes are inlined and
 * recorded, so every number the learner reads can be traced to the run.
 */
export function say(strings: TemplateStringsArray, ...parts: (string | Quote)[]): Said {
  let text = strings[0];
  const quotes: Quote[] = [];
  parts.forEach((p, i) => {
    if (typeof p === 'string') text += p;
    else {
      text += p.text;
      quotes.push(p);
    }
    text += strings[i + 1];
  });
  return { text, quotes };
}
