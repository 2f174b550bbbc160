/**
 * The item table: what memcached's hash table and item headers hold, with
 * lazy expiry and flush_all's oldest_live / oldest_cas rules (items.c).
 * Times are absolute seconds of the caller's clock.
 */

/** One stored item. `value` is a byte string (see bytes.ts). */
export interface Item {
  value: string;
  /** Client flags, uint32. */
  flags: number;
  /** Absolute expiry in seconds; 0 = never (see realtime.ts). */
  exptime: number;
  /** The cas unique, from one counter shared by the whole server. */
  cas: number;
  /** Last store or access (it->time), for delayed flush_all. */
  time: number;
}

/** items.c ITEM_UPDATE_INTERVAL: an access refreshes it->time at most once a minute. */
const ITEM_UPDATE_INTERVAL_SEC = 60;

/** The item table plus the server-wide counters memcached keeps beside it. */
export class ItemTable {
  private readonly items = new Map<string, Item>();
  private casCounter = 0;
  /** settings.oldest_live as an absolute second; null = no flush pending or done. */
  oldestLive: number | null = null;
  /** settings.oldest_cas: items with a smaller cas are flushed. */
  oldestCas = 0;

  /** get_cas_id(): the next cas unique (also consumed by flush_all). */
  nextCas(): number {
    return ++this.casCounter;
  }

  private flushed(it: Item, now: number): boolean {
    if (this.oldestLive === null || this.oldestLive > now) return false;
    return it.time <= this.oldestLive || (this.oldestCas !== 0 && it.cas < this.oldestCas);
  }

  /**
   * do_item_get: the live item under `key`, unlinking it if expired or
   * flushed. `bump` refreshes its access time (DO_UPDATE).
   */
  get(key: string, now: number, bump: boolean): Item | null {
    const it = this.items.get(key);
    if (!it) return null;
    if (this.flushed(it, now) || (it.exptime !== 0 && it.exptime <= now)) {
      this.items.delete(key);
      return null;
    }
    if (bump && it.time < now - ITEM_UPDATE_INTERVAL_SEC) it.time = now;
    return it;
  }

  /** do_item_link / item_replace: stores `it` under `key` with a fresh cas. */
  link(key: string, it: Omit<Item, 'cas' | 'time'>, now: number): Item {
    const stored: Item = { ...it, cas: this.nextCas(), time: now };
    this.items.set(key, stored);
    return stored;
  }

  /** do_item_unlink. */
  unlink(key: string): void {
    this.items.delete(key);
  }

  /** Keys of live items, sorted, without touching them (for views). */
  liveKeys(now: number): string[] {
    return [...this.items.keys()]
      .filter((k) => {
        const it = this.items.get(k)!;
        return !(this.flushed(it, now) || (it.exptime !== 0 && it.exptime <= now));
      })
      .sort();
  }

  /** The raw item, live or not (for views). */
  peek(key: string): Item | undefined {
    return this.items.get(key);
  }

  /** Forgets everything, counters included: a restarted process. */
  clear(): void {
    this.items.clear();
    this.casCounter = 0;
    this.oldestLive = null;
    this.oldestCas = 0;
  }
}
