import { parseResp, type RespConnection } from './redisServer';

/**
 * Waits until redis-server has written and fsynced its AOF buffer: with
 * appendfsync everysec the tail may reach the file a moment after the reply,
 * so the file is read only once INFO persistence shows nothing pending.
 */
export async function aofFlushed(conn: RespConnection, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = parseResp(await conn.command(['INFO', 'persistence'])) as string;
    const buffer = /aof_buffer_length:(\d+)/.exec(info)?.[1];
    const pending = /aof_pending_bio_fsync:(\d+)/.exec(info)?.[1];
    const rewriting = /aof_rewrite_in_progress:(\d+)/.exec(info)?.[1];
    if (buffer === '0' && pending === '0' && rewriting === '0') return;
    if (Date.now() > deadline) throw new Error(`AOF not flushed:\n${info}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
