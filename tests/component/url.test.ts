import { describe, expect, it } from 'vitest';
import {
  historyUrl,
  parseUrlState,
  serializeUrlState,
  URL_DEFAULTS,
  type UrlState,
} from '../../src/views/url';

const ids = ['cache-aside', 'sandbox'];
const d = (over: Partial<UrlState> = {}): UrlState => ({ ...URL_DEFAULTS, params: {}, ...over });

describe('parseUrlState', () => {
  const cases: { input: [string, string]; expected: UrlState; ignored: string[] }[] = [
    { input: ['', ''], expected: d(), ignored: [] },
    { input: ['?s=cache-aside', ''], expected: d({ s: 'cache-aside' }), ignored: [] },
    { input: ['', '#s=cache-aside&f=7'], expected: d({ s: 'cache-aside', f: 7 }), ignored: [] },
    { input: ['?s=sandbox', '#s=cache-aside'], expected: d({ s: 'cache-aside' }), ignored: [] },
    { input: ['?s=nope', ''], expected: d(), ignored: ['s=nope'] },
    { input: ['?s=<script>', ''], expected: d(), ignored: ['s=<script>'] },
    { input: ['?f=-1&seed=abc', ''], expected: d(), ignored: ['f=-1', 'seed=abc'] },
    { input: ['?f=3.5', ''], expected: d(), ignored: ['f=3.5'] },
    { input: ['?seed=42', ''], expected: d({ seed: 42 }), ignored: [] },
    { input: ['?seed=99999999999', ''], expected: d(), ignored: ['seed=99999999999'] },
    { input: ['?speed=0.25', ''], expected: d({ speed: 0.25 }), ignored: [] },
    { input: ['?speed=3', ''], expected: d(), ignored: ['speed=3'] },
    { input: ['?speed=', ''], expected: d(), ignored: ['speed='] },
    {
      input: ['?autoplay=1&controls=0&embed=1', ''],
      expected: d({ autoplay: true, controls: false, embed: true }),
      ignored: [],
    },
    { input: ['?autoplay=yes', ''], expected: d(), ignored: ['autoplay=yes'] },
    { input: ['?theme=dark', ''], expected: d({ theme: 'dark' }), ignored: [] },
    { input: ['?theme=pink', ''], expected: d(), ignored: ['theme=pink'] },
    {
      input: ['?origin=https://slides.example.org', ''],
      expected: d({ origin: 'https://slides.example.org' }),
      ignored: [],
    },
    {
      input: ['?origin=javascript:alert(1)', ''],
      expected: d(),
      ignored: ['origin=javascript:alert(1)'],
    },
    {
      input: ['?p.ttlSec=10&p.requests=abc', ''],
      expected: d({ params: { ttlSec: '10', requests: 'abc' } }),
      ignored: [],
    },
    { input: ['?p.=1&p.1x=2', ''], expected: d(), ignored: ['p.=1', 'p.1x=2'] },
    { input: ['?utm_source=mail', ''], expected: d(), ignored: [] },
    { input: ['', '#?s=sandbox'], expected: d({ s: 'sandbox' }), ignored: [] },
  ];
  it.each(cases)(
    'parseUrlState($input) gives the expected state',
    ({ input, expected, ignored }) => {
      const got = parseUrlState(input[0], input[1], { scenarioIds: ids });
      expect(got.state).toEqual(expected);
      expect(got.ignored).toEqual(ignored);
    },
  );

  it('parseUrlState without a scenario list accepts any well-formed id', () => {
    expect(parseUrlState('?s=future-lesson').state.s).toBe('future-lesson');
  });
});

describe('serializeUrlState', () => {
  const cases: { input: Partial<UrlState>; expected: string }[] = [
    { input: {}, expected: '' },
    { input: d(), expected: '' },
    { input: { s: 'cache-aside', f: 0 }, expected: 's=cache-aside' },
    {
      input: { s: 'cache-aside', f: 12, seed: 7, speed: 2 },
      expected: 's=cache-aside&f=12&seed=7&speed=2',
    },
    {
      input: { embed: true, controls: false, autoplay: true, theme: 'dark' },
      expected: 'autoplay=1&controls=0&embed=1&theme=dark',
    },
    {
      input: { s: 'cache-aside', params: { ttlSec: '10' } },
      expected: 's=cache-aside&p.ttlSec=10',
    },
  ];
  it.each(cases)('serializeUrlState($input) is "$expected"', ({ input, expected }) => {
    expect(serializeUrlState(input)).toBe(expected);
  });

  it('round-trips through parseUrlState', () => {
    const state = d({
      s: 'cache-aside',
      f: 4,
      seed: 3,
      speed: 0.5,
      embed: true,
      params: { ttlSec: '5' },
    });
    expect(parseUrlState('', `#${serializeUrlState(state)}`, { scenarioIds: ids }).state).toEqual(
      state,
    );
  });
});

describe('historyUrl(pathname, search, s)', () => {
  it.each([
    ['/app/', '', 'cache-aside', '/app/#s=cache-aside'],
    [
      '/app/',
      '?s=list-queue&f=3&seed=9&p.jobs=4&theme=dark',
      'cache-aside',
      '/app/?theme=dark#s=cache-aside',
    ],
    ['/', '?s=list-queue&embed=0', null, '/?embed=0'],
    ['/', '', null, '/'],
  ])('historyUrl(%s, %s, %s) is %s', (path, search, s, expected) => {
    expect(historyUrl(path, search, s)).toBe(expected);
  });
});
