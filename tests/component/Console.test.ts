// @vitest-environment jsdom
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Console from '../../src/views/Console.svelte';
import type { ConsoleLine } from '../../src/views/consoleLog';
import { splitArgv } from '../../src/views/splitArgv';

const line = (argv: string[]): ConsoleLine => ({
  iv: { tNs: 0, kind: 'command', from: 'web-1', node: 'redis', argv },
  replyNs: null,
  reply: null,
});

function echoes(lines: ConsoleLine[]): string[] {
  render(Console, { senders: ['web-1'], targets: ['redis'], lines, tNs: 0, onsend: vi.fn() });
  return Array.from(
    screen.getByRole('log', { name: 'Console output' }).querySelectorAll('.cmd'),
    (el) => el.textContent ?? '',
  );
}

describe('Console', () => {
  it('echoes a command with its quoting, so the echo can be pasted back', () => {
    const argv = splitArgv(`SET "hello world" 'it\\'s'`) as string[];
    expect(argv).toEqual(['SET', 'hello world', "it's"]);
    const [echo] = echoes([line(argv)]);
    expect(echo).toBe(`web-1> SET "hello world" "it's"`);
    expect(splitArgv(echo.slice('web-1> '.length))).toEqual(argv);
  });

  it('echoes empty, quoted and escaped arguments quoted, and plain ones as typed', () => {
    const argv = ['SET', 'k', '', 'say "hi"', 'a\\b c', 'tab\there\n', 'user:123'];
    const [echo] = echoes([line(argv)]);
    expect(echo).toBe('web-1> SET k "" "say \\"hi\\"" "a\\\\b c" "tab\\there\\n" user:123');
    expect(splitArgv(echo.slice('web-1> '.length))).toEqual(argv);
  });
});
