// The model against recordings of real memcached 1.6 (npm run
// golden:record:memcached); tests/differential/memcachedGolden.test.ts checks
// the recordings still match the memcached installed.
import { describeMismatches, loadGolden } from './goldenFixture';
import { replayOnModel } from './goldenReplay';

describe.each([
  ['workload.jsonl', 'the seeded random workload'],
  ['edges.jsonl', 'the scripted edge cases'],
  ['itemSize.jsonl', 'the default 1 MB item size limit'],
])('golden memcached recording %s', (file, what) => {
  const golden = loadGolden(file);

  it(`answers ${what} byte for byte as ${golden.memcached} did`, () => {
    expect(golden.memcached).toMatch(/^memcached 1\.6\./);
    expect(golden.steps.length).toBeGreaterThan(0);
    const mismatches = replayOnModel(golden);
    expect(
      mismatches.length,
      `${mismatches.length} mismatches:\n${describeMismatches(mismatches)}`,
    ).toBe(0);
  });
});
