import type { Reply } from './reply';

const encoder = new TextEncoder();

/** sdscatrepr: how redis-cli quotes a bulk string (bytes, not characters). */
function quote(s: string): string {
  let out = '"';
  for (const b of encoder.encode(s)) {
    switch (b) {
      case 0x5c:
        out += '\\\\';
        break;
      case 0x22:
        out += '\\"';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      case 0x07:
        out += '\\a';
        break;
      case 0x08:
        out += '\\b';
        break;
      default:
        out +=
          b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
    }
  }
  return out + '"';
}

function formatTTY(r: Reply, prefix: string): string {
  switch (r.type) {
    case 'simple':
      return `${r.value}\n`;
    case 'error':
      return `(error) ${r.value}\n`;
    case 'integer':
      return `(integer) ${r.value}\n`;
    case 'bulk':
      return r.value === null ? '(nil)\n' : `${quote(r.value)}\n`;
    case 'array': {
      if (r.value === null) return '(nil)\n';
      if (r.value.length === 0) return '(empty array)\n';
      const idxLen = String(r.value.length).length;
      const childPrefix = prefix + ' '.repeat(idxLen + 2);
      let out = '';
      r.value.forEach((el, i) => {
        out += `${i === 0 ? '' : prefix}${String(i + 1).padStart(idxLen, ' ')}) `;
        out += formatTTY(el, childPrefix);
      });
      return out;
    }
    case 'multi':
      return r.replies.map((x) => formatTTY(x, prefix)).join('');
    case 'blocked':
      return '';
  }
}

/**
 * A reply printed the way redis-cli prints it on a terminal: `"bar"`, `(nil)`,
 * `(integer) 5`, `(error) ERR ...`, numbered and indented arrays. No trailing
 * newline.
 */
export function formatReply(reply: Reply): string {
  return formatTTY(reply, '').replace(/\n$/, '');
}
