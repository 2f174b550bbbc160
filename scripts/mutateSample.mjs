// An estimate of the mutation score of src/sim without the hours a full run
// takes here: Stryker on a seeded random sample of src/sim's code lines (every
// mutant on each sampled line), then the score over the sample with a 95%
// confidence interval from a bootstrap over the lines (mutants on one line are
// not independent, so the line is the unit that is resampled).
// It runs the STRYKER_QUICK test set (vitest.stryker.config.ts: no differential
// test that waits in real time or replays a random workload), so the estimate
// is a lower bound of what the whole test set kills.
// Usage (tsx: it imports a .ts module): npx tsx scripts/mutateSample.mjs [--lines=200] [--seed=1] [--report-only]
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
// The differential tests' seeded generator (mulberry32), so a sample can be drawn again.
import { prng as rng } from '../tests/differential/generator.ts';

const arg = (name, d) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? d;
const LINES = Number(arg('lines', '200'));
const SEED = Number(arg('seed', '1'));
const OUT = 'reports/mutation-sample';
const root = process.cwd();

function tsFiles(dir) {
  return readdirSync(dir)
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
    })
    .sort();
}

/** Lines that hold code: not blank, not a comment, not only braces or an import. */
function codeLines() {
  const out = [];
  for (const file of tsFiles(join(root, 'src/sim'))) {
    const rel = relative(root, file);
    let inComment = false;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        const t = text.trim();
        if (inComment) {
          if (t.includes('*/')) inComment = false;
          return;
        }
        if (t.startsWith('/*')) {
          if (!t.includes('*/')) inComment = true;
          return;
        }
        if (!t || t.startsWith('//') || /^[{}()[\];,]*$/.test(t)) return;
        if (/^(import|export \{|export type|export \*|\} from)/.test(t)) return;
        out.push({ file: rel, line: i + 1 });
      });
  }
  return out;
}

const all = codeLines();
const rand = rng(SEED);
const picked = new Map();
while (picked.size < Math.min(LINES, all.length)) {
  const c = all[Math.floor(rand() * all.length)];
  picked.set(`${c.file}:${c.line}`, c);
}
const sample = [...picked.values()];
mkdirSync(OUT, { recursive: true });

if (!process.argv.includes('--report-only')) {
  const base = JSON.parse(readFileSync('stryker.config.json', 'utf8'));
  const config = {
    ...base,
    mutate: sample.map((c) => `${c.file}:${c.line}-${c.line}`),
    incremental: false,
    reporters: ['progress', 'json'],
    jsonReporter: { fileName: `${OUT}/mutation.json` },
  };
  delete config.$schema;
  writeFileSync(`${OUT}/stryker.sample.json`, JSON.stringify(config, null, 2));
  const r = spawnSync('npx', ['stryker', 'run', `${OUT}/stryker.sample.json`], {
    stdio: 'inherit',
    env: { ...process.env, STRYKER_QUICK: '1' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Score: killed + timeout over all but ignored/compile errors (Stryker's own definition).
const report = JSON.parse(readFileSync(`${OUT}/mutation.json`, 'utf8'));
const perLine = new Map(sample.map((c) => [`${c.file}:${c.line}`, { detected: 0, total: 0 }]));
const counts = {};
for (const [file, f] of Object.entries(report.files)) {
  for (const m of f.mutants) {
    counts[m.status] = (counts[m.status] ?? 0) + 1;
    if (['CompileError', 'RuntimeError', 'Ignored'].includes(m.status)) continue;
    const key = `${file}:${m.location.start.line}`;
    const cell = perLine.get(key);
    if (!cell) continue;
    cell.total++;
    if (m.status === 'Killed' || m.status === 'Timeout') cell.detected++;
  }
}
const lines = [...perLine.values()].filter((c) => c.total > 0);
const score = (ls) => {
  const d = ls.reduce((s, c) => s + c.detected, 0);
  const t = ls.reduce((s, c) => s + c.total, 0);
  return t ? (100 * d) / t : NaN;
};
const boot = rng(SEED + 1);
const scores = [];
for (let b = 0; b < 2000; b++) {
  const resample = lines.map(() => lines[Math.floor(boot() * lines.length)]);
  scores.push(score(resample));
}
scores.sort((a, b) => a - b);
const result = {
  seed: SEED,
  linesSampled: sample.length,
  linesWithMutants: lines.length,
  codeLines: all.length,
  mutants: lines.reduce((s, c) => s + c.total, 0),
  statuses: counts,
  scorePct: Number(score(lines).toFixed(1)),
  ci95Pct: [Number(scores[49].toFixed(1)), Number(scores[1949].toFixed(1))],
};
writeFileSync(`${OUT}/estimate.json`, JSON.stringify(result, null, 2));
console.log(JSON.stringify(result, null, 2));
