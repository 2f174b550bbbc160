import type { Reply } from './reply';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Byte length of a string once UTF-8 encoded, as RESP length prefixes count it. */
export function byteLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair is 2 UTF-16 units and 4 UTF-8 bytes.
      n += 2;
      i++;
    } else n += 2; // the rest of the BMP, and a lone surrogate (sent as U+FFFD): 3 bytes
  }
  return n;
}

/** RESP2 text of a reply, byte for byte what redis-server writes on the socket. */
export function encodeResp(reply: Reply): string {
  switch (reply.type) {
    case 'simple':
      return `+${reply.value}\r\n`;
    case 'error':
      return `-${reply.value}\r\n`;
    case 'integer':
      return `:${reply.value}\r\n`;
    case 'bulk':
      return reply.value === null ? '$-1\r\n' : `$${byteLength(reply.value)}\r\n${reply.value}\r\n`;
    case 'array': {
      if (reply.value === null) return '*-1\r\n';
      let out = `*${reply.value.length}\r\n`;
      for (const r of reply.value) out += encodeResp(r);
      return out;
    }
    case 'multi':
      return reply.replies.map(encodeResp).join('');
    case 'blocked':
      return '';
  }
}

/** A command as the AOF and the replication stream write it: an array of bulk strings. */
export function encodeCommand(argv: readonly string[]): string {
  let out = `*${argv.length}\r\n`;
  for (const a of argv) out += `$${byteLength(a)}\r\n${a}\r\n`;
  return out;
}

/**
 * Parse a stream of RESP commands (an AOF). A command cut short at the end is
 * reported as `truncated` rather than thrown, like `aof-load-truncated yes`.
 * Throws on a malformed (not merely short) file.
 */
export function parseCommands(text: string): { commands: string[][]; truncated: boolean } {
  return OTHER.test(text) ? parseBytes(encoder.encode(text)) : parseAscii(text);
}

/** Anything but printable ASCII and CR LF TAB: such a text takes the byte path. */
const OTHER = /[^\t\n\r\x20-\x7e]/;

/**
 * parseBytes on a text whose characters are its bytes (printable ASCII, as an
 * AOF of plain keys and values is): the same steps on the string, without
 * encoding it and decoding every line (a restart replays thousands).
 */
function parseAscii(text: string): { commands: string[][]; truncated: boolean } {
  const commands: string[][] = [];
  let pos = 0;
  const readLine = (): string | null => {
    const i = text.indexOf('\r\n', pos);
    if (i < 0) return null;
    const line = text.slice(pos, i);
    pos = i + 2;
    return line;
  };
  while (pos < text.length) {
    const start = pos;
    const head = readLine();
    if (head === null) return { commands, truncated: true };
    if (head[0] !== '*')
      throw new Error(`Bad file format reading the append only file at byte ${start}`);
    const argc = Number(head.slice(1));
    if (!Number.isInteger(argc) || argc < 1) throw new Error(`Bad argc at byte ${start}`);
    const argv: string[] = [];
    for (let j = 0; j < argc; j++) {
      const lenLine = readLine();
      if (lenLine === null) return { commands, truncated: true };
      if (lenLine[0] !== '$') throw new Error(`Bad bulk header at byte ${pos}`);
      const len = Number(lenLine.slice(1));
      if (pos + len + 2 > text.length) return { commands, truncated: true };
      argv.push(text.slice(pos, pos + len));
      pos += len + 2;
    }
    commands.push(argv);
  }
  return { commands, truncated: false };
}

function parseBytes(bytes: Uint8Array): { commands: string[][]; truncated: boolean } {
  const commands: string[][] = [];
  let pos = 0;
  const readLine = (): string | null => {
    for (let i = pos; i + 1 < bytes.length; i++) {
      if (bytes[i] === 13 && bytes[i + 1] === 10) {
        const line = decoder.decode(bytes.subarray(pos, i));
        pos = i + 2;
        return line;
      }
    }
    return null;
  };
  while (pos < bytes.length) {
    const start = pos;
    const head = readLine();
    if (head === null) return { commands, truncated: true };
    if (head[0] !== '*')
      throw new Error(`Bad file format reading the append only file at byte ${start}`);
    const argc = Number(head.slice(1));
    if (!Number.isInteger(argc) || argc < 1) throw new Error(`Bad argc at byte ${start}`);
    const argv: string[] = [];
    for (let j = 0; j < argc; j++) {
      const lenLine = readLine();
      if (lenLine === null) return { commands, truncated: true };
      if (lenLine[0] !== '$') throw new Error(`Bad bulk header at byte ${pos}`);
      const len = Number(lenLine.slice(1));
      if (pos + len + 2 > bytes.length) return { commands, truncated: true };
      argv.push(decoder.decode(bytes.subarray(pos, pos + len)));
      pos += len + 2;
    }
    commands.push(argv);
  }
  return { commands, truncated: false };
}
