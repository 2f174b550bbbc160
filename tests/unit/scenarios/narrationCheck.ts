// The narration rules of "Every scene teaches", as one checker every scenario's
// tests call: each number a beat shows is a quote whose source, read off the
// trace at that beat's instant, says the same; steps are numbered once, in
// order; the closing beat is the Summary; the scoreboard keeps its shape.
import type { Json, Quote, TraceEntry } from '../../../src/sim';
import {
  findScenario,
  formatCell,
  outcomeAt,
  type RunResult,
  type Scoreboard,
} from '../../../src/scenarios';

type Narrate = Extract<TraceEntry, { k: 'narrate' }>;

/**
 * Names that carry digits (web-1, user:123, job-2, k:17, p99, §4, 2xx) are
 * names, not numbers: they need no source.
 */
const NAME =
  /[\p{L}§#_][\p{L}\p{N}_]*(?:[-:._][\p{L}\p{N}_]+)+|[\p{L}§#_]+\p{N}+[\p{L}\p{N}_]*|\p{N}+[\p{L}_]+\p{N}*[\p{L}\p{N}_]*/gu;

/** What is left of a beat's text once its quotes and names are taken out: it must hold no digit. */
export function unquotedNumbers(text: string, quotes: readonly Quote[]): string[] {
  let rest = text;
  for (const q of quotes) {
    const at = standalone(rest, q.text);
    if (at >= 0) rest = rest.slice(0, at) + ' ' + rest.slice(at + q.text.length);
  }
  rest = rest.replace(NAME, ' ');
  return rest.match(/\d[\d,.]*/g) ?? [];
}

/** Where `text` occurs in `s` not glued to a name (the "1" of "web-1"), else its first occurrence. */
function standalone(s: string, text: string): number {
  const glued = /[\p{L}\p{N}_:-]/u;
  for (let at = s.indexOf(text); at >= 0; at = s.indexOf(text, at + 1)) {
    const before = at > 0 ? s[at - 1] : ' ';
    const after = s[at + text.length] ?? ' ';
    if (!glued.test(before) && !/[\p{L}\p{N}_]/u.test(after)) return at;
  }
  return s.indexOf(text);
}

/** Why a quote does not match the trace at its beat, or null when it does. */
function checkQuote(
  run: RunResult,
  e: Narrate,
  q: Quote,
  board: () => Scoreboard | null,
): string | null {
  const { trace } = run;
  const src = q.src;
  if (!e.text.includes(q.text)) return `quote "${q.text}" is not in the text`;
  if ('packet' in src) {
    const sent = trace.entries.find((x) => x.k === 'send' && x.p.id === src.packet);
    if (!sent || sent.k !== 'send') return `packet ${src.packet} was never sent`;
    if (sent.t > e.t) return `packet ${src.packet} is sent after the beat`;
    if (src.delivered) {
      const got = trace.entries.find((x) => x.k === 'deliver' && x.id === src.packet);
      if (!got || got.t > e.t) return `packet ${src.packet} has not arrived at the beat`;
    }
    return sent.p.label.includes(q.text)
      ? null
      : `packet label "${sent.p.label}" lacks "${q.text}"`;
  }
  if ('data' in src) {
    const v: Json | undefined = trace.stateAt(e.t).data[src.data]?.[src.key];
    const s = typeof v === 'string' ? v : JSON.stringify(v ?? null);
    return s.includes(q.text) ? null : `${src.data}/${src.key} = ${s} lacks "${q.text}"`;
  }
  if ('param' in src) {
    const v = run.params[src.param];
    const shown = [String(v), typeof v === 'number' ? v.toLocaleString('en-US') : ''];
    return shown.includes(q.text) ? null : `param ${src.param} = ${String(v)}, not "${q.text}"`;
  }
  if ('metric' in src) {
    const v = trace.stateAt(e.t).metrics[src.metric];
    return String(v) === q.text || v?.toLocaleString('en-US') === q.text
      ? null
      : `metric ${src.metric} = ${v}, not "${q.text}"`;
  }
  const b = board();
  const row = b?.rows.find((r) => r.label === src.score);
  if (!row) return `no scoreboard row "${src.score}"`;
  const cell = formatCell(row.cells[src.col ?? 0]);
  return cell === q.text ? null : `scoreboard ${src.score} shows "${cell}", not "${q.text}"`;
}

const STEP = /^Step (\d+) of (\d+) · \S/;

/**
 * Every problem with a run's narration and scoreboard, as readable lines
 * (empty when it keeps every rule). `interventions`: beats of the learner's
 * own actions (Crash, Restart) may carry other step names.
 */
export function narrationProblems(id: string, run: RunResult): string[] {
  const spec = findScenario(id);
  if (!spec) return [`unknown scenario ${id}`];
  const problems: string[] = [];
  const { trace } = run;
  const beats = trace.entries.filter((e): e is Narrate => e.k === 'narrate');
  if (beats.length === 0) return ['no narration'];
  let lastStep = 0;
  let total: number | null = null;
  for (const e of beats) {
    const board = (): Scoreboard | null =>
      spec.scoreboard ? spec.scoreboard(trace, e.t, run.params) : null;
    for (const q of e.q ?? []) {
      const why = checkQuote(run, e, q, board);
      if (why) problems.push(`${e.beat} @${e.t}: ${why}`);
    }
    const loose = unquotedNumbers(e.text, e.q ?? []);
    if (loose.length)
      problems.push(`${e.beat}: unquoted number(s) ${loose.join(', ')} in "${e.text}"`);
    if (e.step === 'Summary' || e.step === undefined) continue;
    const m = STEP.exec(e.step);
    if (!m) {
      problems.push(`${e.beat}: step "${e.step}" is not "Step n of m · Title" or "Summary"`);
      continue;
    }
    const [n, of] = [Number(m[1]), Number(m[2])];
    if (total !== null && of !== total) problems.push(`${e.beat}: "of ${of}" after "of ${total}"`);
    total = of;
    if (n < lastStep) problems.push(`${e.beat}: step ${n} after step ${lastStep}`);
    if (n > of) problems.push(`${e.beat}: step ${n} of ${of}`);
    lastStep = Math.max(lastStep, n);
  }
  const last = beats[beats.length - 1];
  if (last.step !== 'Summary')
    problems.push(`the closing beat is "${last.step ?? last.beat}", not Summary`);
  if (!beats.some((e) => e.step !== undefined)) problems.push('no beat names a step');
  if (!spec.scoreboard) problems.push('no scoreboard');
  else {
    const shape = (b: Scoreboard): string =>
      JSON.stringify([b.title, b.columns ?? [], b.rows.map((r) => [r.label, r.cells.length])]);
    const first = shape(spec.scoreboard(trace, 0, run.params));
    const end = spec.scoreboard(trace, trace.endNs, run.params);
    for (const f of trace.frames)
      if (shape(spec.scoreboard(trace, f.t, run.params)) !== first) {
        problems.push(`the scoreboard changes shape at t=${f.t}`);
        break;
      }
    for (const r of end.rows)
      for (const c of r.cells)
        if (
          c.of !== undefined &&
          JSON.stringify(outcomeAt(run.outcome, c.of)) !== JSON.stringify(c.v)
        )
          problems.push(
            `scoreboard ${r.label} shows ${JSON.stringify(c.v)} at the end; outcome.${c.of} = ${JSON.stringify(outcomeAt(run.outcome, c.of))}`,
          );
  }
  return problems;
}
