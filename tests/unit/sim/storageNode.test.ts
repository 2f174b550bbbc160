import { Actor, fixed, StorageNode, World, type Proc } from '../../../src/sim';

const MS = 1_000_000;

describe('StorageNode: one read at a time, each taking the access time', () => {
  function setup(kind: 'ram' | 'ssd' | 'hdd', accessNs: number) {
    const w = new World(1);
    const dev = w.add(new StorageNode(w, 'dev', kind, { accessNs }));
    const cpu = w.add(new Actor(w, 'cpu', 'worker'));
    w.link('cpu', 'dev', fixed(0)); // the whole cost is the device's
    const got: [number, unknown, string][] = [];
    const read = (key: string) =>
      cpu.run(
        (function* (): Proc<void> {
          const p = yield* cpu.call('dev', `read ${key}`, { key });
          got.push([w.nowNs, (p.payload as { value: unknown }).value, p.label]);
        })(),
      );
    return { w, dev, read, got };
  }

  it('serves reads that arrive together one after another (a disk head is in one place)', () => {
    const { w, dev, read, got } = setup('hdd', 10 * MS);
    dev.seed('a', 1);
    dev.seed('b', { n: 2 });
    read('a');
    read('b');
    read('zz');
    w.engine.run();
    expect(got).toEqual([
      [10 * MS, 1, 'a (HDD)'],
      [20 * MS, { n: 2 }, 'b (HDD)'],
      [30 * MS, null, '(not found)'],
    ]);
    expect(dev.reads).toBe(3);
    // The seeded values are recorded so the Inspector shows them.
    expect(w.entries.filter((e) => e.k === 'data').map((e) => e.k === 'data' && e.key)).toEqual([
      'a',
      'b',
    ]);
  });

  it('a read that arrives after the device went idle starts at once', () => {
    const { w, dev, read, got } = setup('ram', 100);
    dev.seed('a', 'x');
    read('a');
    w.engine.at(1 * MS, () => read('a'));
    w.engine.run();
    expect(got.map((g) => g[0])).toEqual([100, 1 * MS + 100]);
    expect(got[0][2]).toBe('a (RAM)');
  });
});
