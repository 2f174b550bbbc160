// Starts a throwaway memcached on a free loopback port and talks raw text
// protocol to it, so the store's bytes can be compared with the real ones.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { freePort } from './redisServer';

export const MEMCACHED_NOT_FOUND =
  'memcached not found: install it with `apt-get update && apt-get install -y memcached` (Debian) — the differential tests never skip';

/** Throws (never skips) when memcached is not on PATH; returns its version line. */
export function requireMemcached(): string {
  const r = spawnSync('memcached', ['-V'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(MEMCACHED_NOT_FOUND);
  return r.stdout.trim();
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

export interface MemcachedProcess {
  port: number;
  /** Date.now() just before the process was spawned. */
  startedMs: number;
  stop(): Promise<void>;
}

/**
 * Spawns `memcached -p <port> -l 127.0.0.1 -U 0 -t 4` (plus `extraArgs`, e.g. -I 2m),
 * without its background LRU crawler and maintainer: while one holds a reference
 * to an item, incr/decr allocate a new exact-length item instead of rewriting
 * it in place space-padded (do_add_delta's refcount test), so a shorter decr
 * result's length would depend on thread timing (seen once in 20 soak runs).
 */
export async function startMemcached(extraArgs: string[] = []): Promise<MemcachedProcess> {
  requireMemcached();
  const port = await freePort();
  const user = process.getuid?.() === 0 ? ['-u', 'nobody'] : [];
  const startedMs = Date.now();
  const child = spawn(
    'memcached',
    [
      ...['-p', String(port), '-l', '127.0.0.1', '-U', '0', '-t', '4'],
      ...['-o', 'no_lru_crawler,no_lru_maintainer'],
      ...user,
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  live.add(child);
  child.once('exit', () => live.delete(child));
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`memcached exited:\n${log}`);
    try {
      const c = await TextConnection.open(port);
      const v = await c.request('version\r\n', 'version\r\n');
      c.close();
      if (v.startsWith('VERSION ')) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`memcached did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    startedMs,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** A raw text-protocol connection: bytes in, bytes out. */
export class TextConnection {
  private chunks: Buffer[] = [];
  /** The last bytes received, to spot the sentinel's reply without joining megabytes. */
  private tail = '';
  private waiters: (() => void)[] = [];

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      this.chunks.push(d);
      this.tail = (this.tail + d.toString('latin1')).slice(-64);
      const w = this.waiters;
      this.waiters = [];
      for (const f of w) f();
    });
  }

  static open(port: number): Promise<TextConnection> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1');
      s.setNoDelay(true);
      s.once('error', reject);
      s.once('connect', () => {
        s.removeListener('error', reject);
        s.on('error', () => undefined);
        resolve(new TextConnection(s));
      });
    });
  }

  /**
   * Writes `request` followed by `sentinel` (a command whose reply is known)
   * and returns every byte up to and including the sentinel's reply, which
   * proves nothing else was sent. Null after `timeoutMs` (a request the
   * server is still waiting on).
   */
  async request(request: string, sentinel: string, timeoutMs = 3000): Promise<string> {
    this.socket.write(Buffer.from(request + sentinel, 'utf8'));
    const deadline = Date.now() + timeoutMs;
    const take = () => {
      const text = Buffer.concat(this.chunks).toString('utf8');
      this.chunks = [];
      this.tail = '';
      return text;
    };
    for (;;) {
      if (/VERSION [^\r\n]*\r\n$/.test(this.tail)) return take();
      const left = deadline - Date.now();
      if (left <= 0) return `${take()}<timeout>`;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.destroy();
  }
}
