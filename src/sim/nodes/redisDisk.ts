import { encodeCommand, type RdbSnapshot } from '../redis';

/** One command in the AOF, as the tail view shows it. */
export interface AofRecord {
  text: string;
  bytes: number;
}

/**
 * What a Redis host keeps on disk, apart from the process: the last completed
 * RDB file, and the AOF as bytes written to the OS (page cache) of which a
 * prefix is fsynced (durable). A process kill keeps all written bytes; a power
 * loss keeps only the synced prefix and the last renamed RDB file.
 */
export class RedisDisk {
  /** The last completed snapshot: data as of its fork. */
  rdb: {
    snapshot: RdbSnapshot;
    forkAtMs: number;
    forkAtNs?: number;
    doneAtMs: number;
    keys: number;
  } | null = null;
  /** The AOF's bytes as written to the OS, in order. */
  aof: AofRecord[] = [];
  /** Bytes of the AOF written to the OS. */
  writtenBytes = 0;
  /** Bytes of the AOF known to be on the platter (fsynced). */
  syncedBytes = 0;

  /** Appends commands written with write(2): in the page cache, not yet durable. */
  append(records: AofRecord[]): void {
    for (const r of records) {
      this.aof.push(r);
      this.writtenBytes += r.bytes;
    }
  }

  /** fsync(2): everything written so far becomes durable. */
  fsync(): void {
    this.syncedBytes = this.writtenBytes;
  }

  /** The AOF as one text, what a restart replays. */
  text(): string {
    return this.aof.map((r) => r.text).join('');
  }

  /** After a crash: the disk holds only what survived. */
  truncateTo(kind: 'process-kill' | 'power-loss'): void {
    if (kind === 'process-kill') {
      this.syncedBytes = this.writtenBytes; // the OS flushes the page cache later; nothing is lost
      return;
    }
    const kept: AofRecord[] = [];
    let n = 0;
    for (const r of this.aof) {
      if (n + r.bytes > this.syncedBytes) break;
      kept.push(r);
      n += r.bytes;
    }
    this.aof = kept;
    this.writtenBytes = this.syncedBytes = n;
  }
}

/** One command as an AOF record: RESP (`*<argc>` then `$<len>` + arg each) and its size in bytes. */
export function respCommand(argv: readonly string[]): AofRecord {
  const text = encodeCommand(argv);
  return { text, bytes: utf8Length(text) };
}

/** UTF-8 byte length without TextEncoder (the model stays platform-free). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
