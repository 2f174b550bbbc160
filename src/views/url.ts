import type { Intervention } from '../scenarios';
import { decodeInterventions, encodeInterventions } from './interventionCodec';
import { SPEEDS } from './speeds';

/** Everything the page can be told through its URL (DESIGN.md §8). */
export interface UrlState {
  /** Scenario id; null shows the home view. */
  s: string | null;
  /** Frame index to open at. */
  f: number;
  seed: number;
  speed: number;
  autoplay: boolean;
  controls: boolean;
  embed: boolean;
  theme: 'light' | 'dark' | 'auto';
  /** Pins postMessage to this origin. */
  origin: string | null;
  /** Scenario parameters as given (`p.NAME=VALUE`), validated later against the spec. */
  params: Record<string, string>;
  /** Interventions to replay (`iv=1.…`, see interventionCodec), each validated. */
  iv: Intervention[];
}

export const URL_DEFAULTS: UrlState = {
  s: null,
  f: 0,
  seed: 1,
  speed: 1,
  autoplay: false,
  controls: true,
  embed: false,
  theme: 'auto',
  origin: null,
  params: {},
  iv: [],
};

/**
 * Reads URL state from a query string and a hash (the hash wins field by
 * field). Each invalid field falls back to its default and is listed in
 * `ignored` as "name=value"; unknown names are left alone. Pure; never throws.
 */
export function parseUrlState(
  search: string,
  hash = '',
  opts: { scenarioIds?: readonly string[] } = {},
): { state: UrlState; ignored: string[] } {
  const state: UrlState = { ...URL_DEFAULTS, params: {}, iv: [] };
  const ignored: string[] = [];
  const merged = new Map<string, string>();
  for (const src of [search, hash]) {
    const q = src.replace(/^[#?]+/, '').replace(/^\?/, '');
    if (!q) continue;
    for (const [k, v] of new URLSearchParams(q)) merged.set(k, v);
  }
  const bad = (k: string, v: string): void => {
    ignored.push(`${k}=${v}`);
  };
  for (const [k, v] of merged) {
    switch (k) {
      case 's':
        if (/^[a-z0-9-]{1,64}$/.test(v) && (!opts.scenarioIds || opts.scenarioIds.includes(v)))
          state.s = v;
        else bad(k, v);
        break;
      case 'f': {
        const n = intOf(v);
        if (n !== null && n >= 0) state.f = n;
        else bad(k, v);
        break;
      }
      case 'seed': {
        const n = intOf(v);
        if (n !== null && n >= 0 && n <= 0xffffffff) state.seed = n;
        else bad(k, v);
        break;
      }
      case 'speed': {
        const n = v.trim() === '' ? NaN : Number(v);
        if ((SPEEDS as readonly number[]).includes(n)) state.speed = n;
        else bad(k, v);
        break;
      }
      case 'autoplay':
      case 'controls':
      case 'embed':
        if (v === '0' || v === '1') state[k] = v === '1';
        else bad(k, v);
        break;
      case 'theme':
        if (v === 'light' || v === 'dark' || v === 'auto') state.theme = v;
        else bad(k, v);
        break;
      case 'origin': {
        const o = originOf(v);
        if (o) state.origin = o;
        else bad(k, v);
        break;
      }
      case 'iv': {
        const r = decodeInterventions(v);
        if (!r.ok) bad(k, v);
        else {
          state.iv = r.ivs;
          for (const i of r.bad) ignored.push(`iv[${i}]: not a valid intervention`);
        }
        break;
      }
      default:
        if (k.startsWith('p.')) {
          const name = k.slice(2);
          if (/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name) && v.length <= 200) state.params[name] = v;
          else bad(k, v);
        }
    }
  }
  return { state, ignored };
}

/**
 * Writes URL state as a hash body (no leading '#'), fields in a fixed order,
 * defaults left out so links stay short. Pure.
 */
export function serializeUrlState(state: Partial<UrlState>): string {
  const q = new URLSearchParams();
  const d = URL_DEFAULTS;
  if (state.s) q.set('s', state.s);
  if (state.f !== undefined && state.f !== d.f) q.set('f', String(state.f));
  if (state.seed !== undefined && state.seed !== d.seed) q.set('seed', String(state.seed));
  if (state.speed !== undefined && state.speed !== d.speed) q.set('speed', String(state.speed));
  if (state.autoplay !== undefined && state.autoplay !== d.autoplay)
    q.set('autoplay', state.autoplay ? '1' : '0');
  if (state.controls !== undefined && state.controls !== d.controls)
    q.set('controls', state.controls ? '1' : '0');
  if (state.embed) q.set('embed', '1');
  if (state.theme && state.theme !== d.theme) q.set('theme', state.theme);
  if (state.origin) q.set('origin', state.origin);
  for (const [name, value] of Object.entries(state.params ?? {})) q.set(`p.${name}`, value);
  if (state.iv?.length) q.set('iv', encodeInterventions(state.iv));
  return q.toString();
}

function intOf(v: string): number | null {
  if (!/^\d{1,16}$/.test(v.trim())) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

function originOf(v: string): string | null {
  try {
    const u = new URL(v);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return u.origin === v.replace(/\/$/, '') ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * The notice for a URL frame `f` past the end of a run of `frameCount` frames
 * (the player then shows the last frame), or null when `f` is on the run. Pure.
 */
export function frameNotice(f: number, frameCount: number): string | null {
  if (f < frameCount) return null;
  return frameCount > 0
    ? `f=${f}: past the end, showing the last frame (${frameCount - 1})`
    : `f=${f}: the run has no frames`;
}

/** Query keys that belong to one scenario's run; a history entry for another drops them. */
const RUN_KEYS = new Set(['s', 'f', 'seed', 'iv']);

/**
 * The address of a new history entry for scenario `s` (null: home): the
 * page's path, its query without the previous run's fields (s, f, seed, iv, p.*)
 * so they cannot override the new hash, and the hash for `s`. Pure.
 */
export function historyUrl(pathname: string, search: string, s: string | null): string {
  const q = new URLSearchParams(search.replace(/^\?/, ''));
  for (const k of [...q.keys()]) if (RUN_KEYS.has(k) || k.startsWith('p.')) q.delete(k);
  const query = q.toString();
  const hash = s ? serializeUrlState({ s }) : '';
  return `${pathname}${query ? `?${query}` : ''}${hash ? `#${hash}` : ''}`;
}
