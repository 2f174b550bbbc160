// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Console from '../../src/views/Console.svelte';
import type { ConsoleLine } from '../../src/views/consoleLog';
import { splitArgv } from '../../src/views/splitArgv';
import type { Json } from '../../src/sim';

const line = (argv: string[], reply: Json = null, replyNs: number | null = null): ConsoleLine => ({
  iv: { tNs: 0, kind: 'command', from: 'web-1', node: 'redis', argv },
  replyNs,
  reply,
});

function mount(lines: ConsoleLine[] = []) {
  const onsend = vi.fn();
  const r = render(Console, { senders: ['web-1'], targets: ['redis'], lines, tNs: 10, onsend });
  const input = screen.getByRole<HTMLInputElement>('textbox', { name: 'Redis command' });
  const log = screen.getByRole('log', { name: 'Console output' });
  return { ...r, onsend, input, log };
}

function echoes(lines: ConsoleLine[]): string[] {
  const { log } = mount(lines);
  return Array.from(log.querySelectorAll('.cmd'), (el) => el.textContent?.trim() ?? '');
}

async function type(input: HTMLInputElement, text: string): Promise<void> {
  await fireEvent.input(input, { target: { value: text } });
}

async function press(input: HTMLInputElement, key: string): Promise<void> {
  await fireEvent.keyDown(input, { key });
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

  it.each([
    { typed: 'SET k', inline: ' value [NX|XX] [GET]', described: 'SET key value [NX|XX] [GET]' },
    { typed: 'ZADD k ', inline: '[NX|XX] [GT|LT] [CH] [INCR] score member', described: 'ZADD key' },
    {
      typed: 'ZRANGE k 0 -1 ',
      inline: '[BYSCORE|BYLEX] [REV]',
      described: 'ZRANGE key start stop',
    },
  ])('greys out the rest of the syntax after "$typed"', async ({ typed, inline, described }) => {
    const { input, container } = mount();
    await type(input, typed);
    expect(container.querySelector('.inline-hint')?.textContent).toContain(inline);
    // The same help is real text the field is described by.
    expect(input).toHaveAccessibleDescription(expect.stringContaining(described));
  });

  it('shows no hint for an unknown command, and says when one is not simulated', async () => {
    const { input, container } = mount();
    await type(input, 'NOSUCH k');
    expect(container.querySelector('.inline-hint')).toBeNull();
    expect(input).not.toHaveAccessibleDescription(expect.stringContaining('NOSUCH'));
    await type(input, 'MIGRATE ');
    expect(input).toHaveAccessibleDescription(expect.stringContaining('not simulated'));
  });

  it('Tab completes and cycles through command names, Escape restores what was typed', async () => {
    const { input } = mount();
    await type(input, 'zpop');
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await press(input, 'Tab');
      seen.push(input.value);
    }
    expect(seen).toEqual(['ZPOPMAX', 'ZPOPMIN', 'zpop', 'ZPOPMAX']);
    await press(input, 'Escape');
    expect(input.value).toBe('zpop');
  });

  it('Tab in an empty field is left to move focus on', () => {
    const { input } = mount();
    const tab = new KeyboardEvent('keydown', { key: 'Tab', cancelable: true, bubbles: true });
    input.dispatchEvent(tab);
    expect(tab.defaultPrevented).toBe(false);
  });

  it('Up and Down walk the history without losing the draft; Escape returns to it', async () => {
    const { input, onsend } = mount();
    for (const cmd of ['SET a 1', 'GET a']) {
      await type(input, cmd);
      await fireEvent.submit(input.form as HTMLFormElement);
    }
    expect(onsend.mock.calls.map((c) => c[2] as string[])).toEqual([
      ['SET', 'a', '1'],
      ['GET', 'a'],
    ]);
    await type(input, 'INCR a');
    await press(input, 'ArrowUp');
    expect(input.value).toBe('GET a');
    await press(input, 'ArrowUp');
    expect(input.value).toBe('SET a 1');
    await press(input, 'ArrowDown');
    await press(input, 'ArrowDown');
    expect(input.value).toBe('INCR a');
    await press(input, 'ArrowUp');
    await press(input, 'Escape');
    expect(input.value).toBe('INCR a');
  });

  it('answers HELP SET itself, as redis-cli does, with no packet', async () => {
    const { input, onsend, log } = mount();
    await type(input, 'help set');
    await fireEvent.submit(input.form as HTMLFormElement);
    expect(onsend).not.toHaveBeenCalled();
    const out = log.querySelector('.local .reply')?.textContent ?? '';
    expect(out.split('\n')).toEqual([
      '  SET key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]',
      '  summary: Writes a string, with optional expiry and only-if conditions',
      '  since: 1.0.0',
      '  group: string',
    ]);
    expect(log.querySelector('.local .cmd')?.textContent).toBe('web-1> help set');
  });

  it('prints an error reply in the error colour, and other replies without it', () => {
    const { log } = mount([
      line(
        ['GET', 'a', 'b'],
        { type: 'error', value: "ERR wrong number of arguments for 'get' command" },
        5,
      ),
      line(['GET', 'a'], { type: 'bulk', value: '1' }, 5),
    ]);
    const replies = Array.from(log.querySelectorAll('.reply'));
    expect(replies.map((r) => r.textContent)).toEqual([
      "(error) ERR wrong number of arguments for 'get' command",
      '"1"',
    ]);
    expect(replies.map((r) => r.classList.contains('err'))).toEqual([true, false]);
  });

  it('prints the start and the size of a huge bulk reply, not all of it', () => {
    const { log } = mount([line(['GET', 'big'], { type: 'bulk', value: 'x'.repeat(1048576) }, 5)]);
    const text = log.querySelector('.reply')?.textContent ?? '';
    expect(text).toBe(`"${'x'.repeat(4096)}…" (1048576 bytes, first 4096 shown)`);
  });

  it('prints a line it cannot split as redis-cli does, in the error colour', async () => {
    const { input, onsend, log } = mount();
    await type(input, 'SET "open');
    await fireEvent.submit(input.form as HTMLFormElement);
    expect(onsend).not.toHaveBeenCalled();
    const reply = log.querySelector('.local .reply');
    expect(reply?.textContent).toBe('Invalid argument(s)');
    expect(reply?.classList.contains('err')).toBe(true);
  });

  it('keeps the history when the panel is closed and opened again', async () => {
    const first = mount();
    await type(first.input, 'GET remembered');
    await fireEvent.submit(first.input.form as HTMLFormElement);
    first.unmount();
    const { input } = mount();
    await press(input, 'ArrowUp');
    expect(input.value).toBe('GET remembered');
  });

  it('does not take focus when it appears', () => {
    const { input } = mount();
    expect(document.activeElement).not.toBe(input);
  });
});
