// @vitest-environment jsdom
import { render, screen } from '@testing-library/svelte';
import PersistencePanel from '../../src/views/persistence/PersistencePanel.svelte';
import { aofLine, formatBytes } from '../../src/views/persistence/persistenceView';
import { runScenario } from '../../src/scenarios';

describe('PersistencePanel', () => {
  it('aofLine() turns a RESP record into the command as typed', () => {
    expect(aofLine('*3\r\n$3\r\nSET\r\n$3\r\nk:1\r\n$2\r\nv1\r\n')).toBe('SET k:1 v1');
    expect(aofLine('*2\r\n$3\r\nDEL\r\n$5\r\na key\r\n')).toBe('DEL "a key"');
  });

  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1234, '1.2 kB'],
    [45_000, '45 kB'],
    [3_400_000, '3.4 MB'],
  ])('formatBytes(%d) is %s', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });

  it('marks fsynced and not-yet-fsynced AOF commands, from a real run with appendfsync everysec', () => {
    const { trace } = runScenario('persistence-rdb-vs-aof', {
      params: { crashAtSec: 3.5, writesPerSec: 4 },
    });
    // Just before the crash: some commands written since the last fsync.
    const before = trace.stateAt(3.4e9).data['aof-everysec'];
    render(PersistencePanel, { node: 'aof-everysec', data: before, tNs: 3.4e9 });
    const items = screen.getAllByRole('listitem');
    expect(items.length).toBeGreaterThan(0);
    expect(items.some((li) => li.textContent?.includes('not yet fsynced'))).toBe(true);
    expect(items.some((li) => /SET k:\d+ v\d+/.test(li.textContent ?? ''))).toBe(true);
  });

  it('lists what a power loss took, key by key, after recovery', () => {
    const { trace } = runScenario('persistence-rdb-vs-aof', {
      params: { crashAtSec: 3.5, writesPerSec: 4 },
    });
    const end = trace.stateAt(trace.endNs).data['aof-no'];
    render(PersistencePanel, { node: 'aof-no', data: end, tNs: trace.endNs });
    expect(screen.getByText(/keys? lost or rolled back/)).toBeInTheDocument();
    expect(screen.getAllByText(/^k:\d+$/).length).toBeGreaterThan(5);
    expect(screen.getByText(/power loss/)).toBeInTheDocument();
  });

  it('says nothing was lost under appendfsync always', () => {
    const { trace } = runScenario('persistence-rdb-vs-aof', {
      params: { crashAtSec: 3.5, writesPerSec: 4 },
    });
    const end = trace.stateAt(trace.endNs).data['aof-always'];
    render(PersistencePanel, { node: 'aof-always', data: end, tNs: trace.endNs });
    expect(screen.getByText('Nothing was lost.')).toBeInTheDocument();
  });

  it('says when AOF and RDB are off rather than "not yet"', () => {
    const data = {
      '#aof': {
        appendonly: false,
        appendfsync: 'everysec',
        writtenBytes: 0,
        syncedBytes: 0,
        commands: 0,
        tail: [],
      },
      '#rdb': { save: '', lastSaveAtMs: null, forkAtMs: null, keys: 0, childWriting: false },
    };
    render(PersistencePanel, { node: 'redis', data, tNs: 0 });
    expect(screen.getByText('AOF off (appendonly no).')).toBeInTheDocument();
    expect(screen.getByText('off (no save points)')).toBeInTheDocument();
  });

  it('names the fsync policy and the pending save points', () => {
    const { trace } = runScenario('cache-aside', { params: { persistence: 'aof-always' } });
    const data = trace.stateAt(trace.endNs).data.redis;
    render(PersistencePanel, { node: 'redis', data, tNs: trace.endNs });
    expect(screen.getByText(/appendfsync always · \d+ commands/)).toBeInTheDocument();
    expect(
      screen.getByText(/no snapshot yet · save points "3600 1 300 100 60 10000"/),
    ).toBeInTheDocument();
  });
});
