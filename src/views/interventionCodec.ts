import type { Intervention } from '../scenarios';

/**
 * Interventions in a link: `iv=1.<base64url of a JSON array>`. The version
 * prefix lets a later format change keep old links readable; base64url keeps
 * argv (spaces, quotes, unicode) out of the URL's own escaping.
 */
export const IV_VERSION = '1';

/** At most this many interventions are read from a link (the rest are ignored). */
export const MAX_URL_INTERVENTIONS = 200;
/** A longer `iv` value is refused before decoding: bounded work for any URL. */
export const MAX_IV_CHARS = 200_000;

const NODE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const CRASH_KINDS = ['process-kill', 'power-loss'];
const MAX_ARGS = 10_000;
const MAX_ARG_CHARS = 10_000;

/** Encodes interventions as an `iv` value (without the `iv=`). Pure. */
export function encodeInterventions(ivs: readonly Intervention[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(ivs));
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `${IV_VERSION}.${btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/**
 * Decodes an `iv` value. A value that cannot be read at all gives `ok: false`;
 * otherwise each entry is validated on its own: good ones are kept (in order),
 * bad ones are listed by index in `bad`. Pure; never throws.
 */
export function decodeInterventions(
  v: string,
): { ok: true; ivs: Intervention[]; bad: number[] } | { ok: false } {
  if (v.length > MAX_IV_CHARS || !v.startsWith(`${IV_VERSION}.`)) return { ok: false };
  const body = v.slice(IV_VERSION.length + 1);
  if (!/^[A-Za-z0-9_-]*$/.test(body)) return { ok: false };
  let data: unknown;
  try {
    const bin = atob(body.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false };
  }
  if (!Array.isArray(data)) return { ok: false };
  const ivs: Intervention[] = [];
  const bad: number[] = [];
  data.forEach((raw, i) => {
    const iv = i < MAX_URL_INTERVENTIONS ? interventionOf(raw) : null;
    if (iv) ivs.push(iv);
    else bad.push(i);
  });
  return { ok: true, ivs, bad };
}

/**
 * One validated intervention rebuilt from loose data (unknown fields dropped),
 * or null. Kinds the sim may add later (`latency`) are read generically: a
 * node, an optional peer and a finite non-negative `us`.
 */
export function interventionOf(raw: unknown): Intervention | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const o = raw as Record<string, unknown>;
  const tNs = o.tNs;
  if (typeof tNs !== 'number' || !Number.isSafeInteger(tNs) || tNs < 0) return null;
  if (typeof o.node !== 'string' || !NODE_ID.test(o.node)) return null;
  const node = o.node;
  switch (o.kind) {
    case 'crash':
      if (o.crashKind === undefined) return { tNs, kind: 'crash', node };
      if (typeof o.crashKind !== 'string' || !CRASH_KINDS.includes(o.crashKind)) return null;
      return { tNs, kind: 'crash', node, crashKind: o.crashKind as 'process-kill' | 'power-loss' };
    case 'restart':
      return { tNs, kind: 'restart', node };
    case 'command': {
      if (typeof o.from !== 'string' || !NODE_ID.test(o.from)) return null;
      const argv = o.argv;
      if (!Array.isArray(argv) || argv.length === 0 || argv.length > MAX_ARGS) return null;
      if (!argv.every((a) => typeof a === 'string' && a.length <= MAX_ARG_CHARS)) return null;
      return { tNs, kind: 'command', from: o.from, node, argv: [...(argv as string[])] };
    }
    case 'latency': {
      const us = o.us;
      if (typeof us !== 'number' || !Number.isFinite(us) || us < 0 || us > 1e9) return null;
      if (o.peer !== undefined && (typeof o.peer !== 'string' || !NODE_ID.test(o.peer)))
        return null;
      const iv = {
        tNs,
        kind: 'latency',
        node,
        ...(o.peer !== undefined ? { peer: o.peer } : {}),
        us,
      };
      // The latency kind belongs to a sandbox helper's widening of Intervention.
      return iv as unknown as Intervention;
    }
    default:
      return null;
  }
}
