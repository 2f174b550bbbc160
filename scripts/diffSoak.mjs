#!/usr/bin/env node
// `npm run soak [-- --runs N]`: runs the differential tests (tests/differential,
// real redis-server and memcached) N times in a row (default 20) while
// `npm run bench` loads the machine, restarted whenever it finishes. Prints one
// line per run and a summary; exits 1 if any run failed. Each failing run's
// output is kept in reports/soak/run-<i>.log.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const arg = process.argv.indexOf('--runs');
const runs = arg > 0 ? Number(process.argv[arg + 1]) : 20;
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs takes a positive integer');
  process.exit(2);
}
mkdirSync('reports/soak', { recursive: true });

let stopping = false;
let bench = null;
let benchRuns = 0;
function startBench() {
  if (stopping) return;
  // Its own process group, so the whole npm → tsx → node chain can be stopped.
  bench = spawn('npm', ['run', 'bench'], { stdio: 'ignore', detached: true });
  bench.once('exit', () => {
    benchRuns++;
    bench = null;
    startBench();
  });
}
function stopBench() {
  stopping = true;
  if (bench?.pid) {
    try {
      process.kill(-bench.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, () => {
    stopBench();
    process.exit(130);
  });

function once(i) {
  return new Promise((resolve) => {
    const started = Date.now();
    let out = '';
    const child = spawn('npx', ['vitest', 'run', 'tests/differential'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('exit', (code) => {
      const seconds = (Date.now() - started) / 1000;
      if (code !== 0) writeFileSync(`reports/soak/run-${i}.log`, out);
      const failed = [...out.matchAll(/(?:FAIL|×|✗)\s+(.+)/g)].map((m) => m[1].trim());
      resolve({ ok: code === 0, seconds, failed: [...new Set(failed)].slice(0, 5) });
    });
  });
}

startBench();
const results = [];
for (let i = 1; i <= runs; i++) {
  const r = await once(i);
  results.push(r);
  console.log(
    `run ${i}/${runs}: ${r.ok ? 'pass' : 'FAIL'} in ${r.seconds.toFixed(0)} s` +
      (r.ok ? '' : ` (log: reports/soak/run-${i}.log) ${r.failed.join('; ')}`),
  );
}
stopBench();
const passed = results.filter((r) => r.ok).length;
console.log(
  `${passed}/${runs} runs passed under load (${benchRuns} bench runs finished meanwhile)`,
);
process.exit(passed === runs ? 0 : 1);
