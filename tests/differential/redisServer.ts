// Starts a throwaway redis-server on a free loopback port and talks raw RESP
// to it, so the store's bytes can be compared with the real ones.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NOT_FOUND =
  'redis-server not found: install it with `apt-get install -y redis-server` (Debian) — the differential tests never skip';

/** Throws (never skips) when redis-server is not on PATH. */
export function requireRedisServer(): string {
  const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(NOT_FOUND);
  return r.stdout.trim();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const live = new Set<ChildProcess>();
// Never leave a server behind, even when a test throws before its afterAll.
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

export interface RedisProcess {
  port: number;
  dir: string;
  stop(): Promise<void>;
}

/** Spawns redis-server with `extraArgs` (e.g. --appendonly yes) in a temp dir. */
export async function startRedis(
  extraArgs: string[] = ['--save', '', '--appendonly', 'no'],
  dir?: string,
): Promise<RedisProcess> {
  requireRedisServer();
  const workDir = dir ?? mkdtempSync(join(tmpdir(), 'speed-layer-redis-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', workDir, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  live.add(child);
  child.once('exit', () => live.delete(child));
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited:\n${log}`);
    try {
      const c = await RespConnection.open(port);
      // Wait out -LOADING while an AOF is replayed.
      const pong = await c.command(['PING']);
      c.close();
      if (pong === '+PONG\r\n') break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`redis-server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    dir: workDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
      if (!dir) rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** Index just past one complete RESP2 value starting at `pos`, or -1 if incomplete. */
export function respEnd(buf: Buffer, pos: number): number {
  if (pos >= buf.length) return -1;
  const nl = buf.indexOf('\r\n', pos);
  if (nl < 0) return -1;
  const type = String.fromCharCode(buf[pos]);
  const head = buf.toString('latin1', pos + 1, nl);
  switch (type) {
    case '+':
    case '-':
    case ':':
      return nl + 2;
    case '$': {
      const len = Number(head);
      if (len < 0) return nl + 2;
      const end = nl + 2 + len + 2;
      return end <= buf.length ? end : -1;
    }
    case '*': {
      const n = Number(head);
      let p = nl + 2;
      for (let i = 0; i < n; i++) {
        p = respEnd(buf, p);
        if (p < 0) return -1;
      }
      return p;
    }
    default:
      throw new Error(`bad RESP type byte ${type}`);
  }
}

/** A parsed RESP2 value, for order-insensitive comparisons. */
export type RespValue = string | null | RespValue[] | { error: string } | { int: string };

export function parseResp(text: string): RespValue {
  const buf = Buffer.from(text, 'utf8');
  const go = (pos: number): [RespValue, number] => {
    const nl = buf.indexOf('\r\n', pos);
    const head = buf.toString('utf8', pos + 1, nl);
    switch (String.fromCharCode(buf[pos])) {
      case '+':
        return [head, nl + 2];
      case '-':
        return [{ error: head }, nl + 2];
      case ':':
        return [{ int: head }, nl + 2];
      case '$': {
        const len = Number(head);
        if (len < 0) return [null, nl + 2];
        return [buf.toString('utf8', nl + 2, nl + 2 + len), nl + 2 + len + 2];
      }
      default: {
        const n = Number(head);
        if (n < 0) return [null, nl + 2];
        const out: RespValue[] = [];
        let p = nl + 2;
        for (let i = 0; i < n; i++) {
          const [v, q] = go(p);
          out.push(v);
          p = q;
        }
        return [out, p];
      }
    }
  };
  return go(0)[0];
}

export function encodeArgv(argv: string[]): Buffer {
  let out = `*${argv.length}\r\n`;
  for (const a of argv) out += `$${Buffer.byteLength(a)}\r\n${a}\r\n`;
  return Buffer.from(out, 'utf8');
}

/** A minimal RESP client over node:net that hands back raw reply frames. */
export class RespConnection {
  private buf = Buffer.alloc(0);
  private frames: string[] = [];
  private waiters: (() => void)[] = [];

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      for (;;) {
        const end = respEnd(this.buf, 0);
        if (end < 0) break;
        this.frames.push(this.buf.toString('utf8', 0, end));
        this.buf = this.buf.subarray(end);
      }
      const w = this.waiters;
      this.waiters = [];
      for (const f of w) f();
    });
  }

  static open(port: number): Promise<RespConnection> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1');
      s.setNoDelay(true);
      s.once('error', reject);
      s.once('connect', () => {
        s.removeListener('error', reject);
        s.on('error', () => undefined);
        resolve(new RespConnection(s));
      });
    });
  }

  send(argv: string[]): void {
    this.socket.write(encodeArgv(argv));
  }

  /** Next frame, or null when none arrives within timeoutMs. */
  async next(timeoutMs = 5000): Promise<string | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.frames.shift()!;
  }

  /** Sends a command and returns its (single-frame) raw reply. */
  async command(argv: string[]): Promise<string> {
    this.send(argv);
    const r = await this.next();
    if (r === null) throw new Error(`no reply to ${argv.join(' ')}`);
    return r;
  }

  /** Frames already received and not yet read (for "nothing more came" checks). */
  pending(): number {
    return this.frames.length;
  }

  close(): void {
    this.socket.destroy();
  }
}
