// Fails loudly, before anything else runs, when a tool the tests need is missing.
// The tests never skip: a missing browser or redis-server is an error with a fix.
import { accessSync, constants } from 'node:fs';
import { execFileSync } from 'node:child_process';

const problems = [];
const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
try {
  accessSync(chrome, constants.X_OK);
} catch {
  problems.push(
    `Chromium not found at ${chrome}: install it with \`apt-get update && apt-get install -y chromium\` (Debian) or set CHROME_PATH to a Chromium binary.`,
  );
}
try {
  const v = execFileSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (!/v=7\./.test(v))
    problems.push(`redis-server 7.x is needed for the differential tests; found: ${v.trim()}`);
} catch {
  problems.push(
    'redis-server not found: install it with `apt-get update && apt-get install -y redis-server` (Debian). The differential tests compare the simulation with the real server and never skip.',
  );
}
try {
  execFileSync('memcached', ['-V'], { encoding: 'utf8' });
} catch {
  problems.push(
    'memcached not found: install it with `apt-get update && apt-get install -y memcached` (Debian). The differential tests compare the Memcached model with the real server and never skip.',
  );
}
if (problems.length) {
  console.error('\nnpm test cannot run:\n' + problems.map((p) => `  ✕ ${p}`).join('\n') + '\n');
  process.exit(1);
}
console.log(`preflight: chromium at ${chrome}, redis-server and memcached found`);
