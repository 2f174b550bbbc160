// The golden recordings the model's unit tests replay (tests/unit/memcached)
// must still be what the memcached on this machine answers: each fixture is
// re-sent to a fresh server started with the recorded options, and every reply
// compared byte for byte. A stale fixture fails here; re-record it with
// `npm run golden:record:memcached`.
import {
  describeMismatches,
  loadGolden,
  unpack,
  type GoldenRecording,
  type Mismatch,
} from '../unit/memcached/goldenFixture';
import { requireMemcached, startMemcached, TextConnection } from './memcachedServer';

/** Half the span around the recording's start where a 10-digit number is an absolute exptime. */
const ABSOLUTE_WINDOW_SEC = 40 * 24 * 60 * 60;

/**
 * The one time-sensitive part of a request: absolute Unix exptimes (and
 * `flush_all <time>`), which the generator and the scripts write as the
 * recording's start ± a margin of 5 s or more. They are moved by whole
 * seconds so they stand as far from this run's start as from the recording's.
 * Relative exptimes (at least 1000 s) need no shift: no recording lasts that long.
 */
export function rebase(request: string, shiftSec: number, startSec: number): string {
  return request.replace(/(?<!\d)\d{10}(?!\d)/g, (n) =>
    Math.abs(Number(n) - startSec) <= ABSOLUTE_WINDOW_SEC ? String(Number(n) + shiftSec) : n,
  );
}

async function resend(g: GoldenRecording): Promise<Mismatch[]> {
  const server = await startMemcached(g.args);
  const conn = await TextConnection.open(server.port);
  const shift = Math.floor(Date.now() / 1000) - g.startSec;
  const out: Mismatch[] = [];
  try {
    for (const [step, s] of g.steps.entries()) {
      const request = rebase(unpack(s.req), shift, g.startSec);
      const memcached = await conn.request(request, g.sentinel);
      const recorded = unpack(s.rep);
      // "store" in the report is the fixture here.
      if (memcached !== recorded) out.push({ step, request, memcached, store: recorded });
    }
  } finally {
    conn.close();
    await server.stop();
  }
  return out;
}

describe('golden memcached recordings vs the memcached installed', () => {
  it('were recorded with this memcached version', () => {
    const installed = requireMemcached();
    for (const file of ['workload.jsonl', 'edges.jsonl', 'itemSize.jsonl'])
      expect(
        loadGolden(file).memcached,
        `${file}: re-record with npm run golden:record:memcached`,
      ).toBe(installed);
  });

  it('moves only absolute exptimes near the recording when rebasing', () => {
    const start = 1_800_000_000;
    expect(rebase(`set k 0 ${start + 100000} 10\r\n${start - 5}\r\n`, 7, start)).toBe(
      `set k 0 ${start + 100007} 10\r\n${start + 2}\r\n`,
    );
    expect(rebase('set k 0 4294967296 1\r\nx\r\nincr k 18446744073709551615\r\n', 7, start)).toBe(
      'set k 0 4294967296 1\r\nx\r\nincr k 18446744073709551615\r\n',
    );
  });

  it.each(['workload.jsonl', 'edges.jsonl', 'itemSize.jsonl'])(
    '%s: memcached still answers every request as recorded',
    async (file) => {
      const mismatches = await resend(loadGolden(file));
      expect(
        mismatches.length,
        `${file} is stale (re-record with npm run golden:record:memcached); ${mismatches.length} mismatches ("store" = the recording):\n${describeMismatches(mismatches)}`,
      ).toBe(0);
    },
    60_000,
  );
});
