import type { Json } from '../json';
import { MachineHost } from '../machineHost';
import { storageMachine } from '../machines/storage';
import type { Packet } from '../packet';
import type { SimNode, World } from '../world';

/** The kinds of device a StorageNode stands for; the view draws each differently. */
export type StorageKind = 'ram' | 'ssd' | 'hdd';

/** A device's timing. */
export interface StorageOptions {
  /** Time one read takes on the device (RAM: ~100 ns, SSD: ~100 µs, HDD seek: ~10 ms). */
  accessNs: number;
}

interface Read {
  p: Packet;
  rid: number;
  key: string;
}

/**
 * A memory or storage device that answers reads by key after its access time:
 * what "RAM vs disk" compares. It holds a few values (recorded as data, so the
 * Inspector shows them) and serves reads one at a time in arrival order.
 * Link it to its reader with zero latency: the whole cost is the device's.
 */
export class StorageNode implements SimNode {
  readonly up = true;
  readonly machine: MachineHost<typeof storageMachine>;
  readonly values = new Map<string, Json>();
  private queue: Read[] = [];
  /** Reads served. */
  reads = 0;

  constructor(
    private readonly world: World,
    readonly id: string,
    readonly kind: StorageKind,
    readonly options: StorageOptions,
  ) {
    this.machine = new MachineHost(
      world,
      id,
      storageMachine,
      { accessNs: options.accessNs },
      { served: () => this.serve() },
    );
  }

  /** Puts a value on the device before the run (recorded as a data diff). */
  seed(key: string, value: Json): void {
    this.values.set(key, value);
    this.world.data(this.id, key, value);
  }

  receive(p: Packet): void {
    const { rid, key } = p.payload as { rid: number; key: string };
    this.queue.push({ p, rid, key });
    this.machine.send({ type: 'ARRIVE' });
  }

  private serve(): void {
    const read = this.queue.shift();
    if (!read) return;
    this.reads++;
    const value = this.values.get(read.key) ?? null;
    this.world.send({
      from: this.id,
      to: read.p.from,
      kind: 'reply',
      label: value === null ? '(not found)' : `${read.key} (${this.kind.toUpperCase()})`,
      payload: { re: read.rid, value },
    });
  }
}
