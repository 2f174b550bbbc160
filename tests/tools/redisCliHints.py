#!/usr/bin/env python3
"""Prints, as JSON, the inline hint the real redis-cli shows after each line.

Usage: python3 tests/tools/redisCliHints.py 'SET k' 'ZADD k ' ...
Runs /usr/bin/redis-cli in a pseudo-terminal (no server needed: it hints while
"not connected"), types each line, and reads the grey text of the last
redraw. null means no hint. Used to write the expectations of
tests/component/console/hint.test.ts.
"""
import fcntl, json, os, pty, re, select, struct, subprocess, sys, termios, time


def hint(line):
    m, s = pty.openpty()
    # A wide terminal so linenoise never truncates the hint.
    fcntl.ioctl(s, termios.TIOCSWINSZ, struct.pack('HHHH', 50, 400, 0, 0))
    env = dict(os.environ, TERM='xterm', HOME='/nonexistent')
    p = subprocess.Popen(['redis-cli', '-p', '1'], stdin=s, stdout=s, stderr=s, env=env, close_fds=True)

    def read(seconds):
        out = b''
        end = time.time() + seconds
        while time.time() < end:
            r, _, _ = select.select([m], [], [], 0.05)
            if r:
                chunk = os.read(m, 65536)
                out += chunk
                # linenoise may ask where the cursor is; answer "top left".
                if b'\x1b[6n' in chunk:
                    os.write(m, b'\x1b[1;1R')
        return out

    read(0.5)
    os.write(m, line.encode())
    out = read(0.4).split(b'connected> ')[-1]
    p.kill()
    p.wait()
    os.close(m)
    os.close(s)
    hints = re.findall(rb'\x1b\[[0-9;]*90[0-9;]*m(.*?)\x1b\[0m', out)
    return hints[-1].decode() if hints else None


print(json.dumps({line: hint(line) for line in sys.argv[1:]}, indent=2))
