/** The postMessage envelope (DESIGN.md §8), modelled on Player.js and H5P. */
export interface Envelope {
  context: 'speed-layer';
  version: 1;
  method?: string;
  event?: string;
  value?: unknown;
}

export const METHODS = ['play', 'pause', 'step', 'seek', 'load', 'addEventListener'] as const;
export const EVENTS = ['ready', 'frame', 'ended', 'resize', 'error'] as const;
export type Method = (typeof METHODS)[number];
export type EmbedEvent = (typeof EVENTS)[number];

/**
 * A host message, normalized: a method call, a reveal.js slide signal, an
 * envelope of a version this page does not speak (answered with `error`), or
 * null (ignored).
 */
export type Incoming =
  { method: Method; value: unknown } | { slide: 'start' | 'stop' } | { badVersion: unknown } | null;

/** A `load` message bigger than this (as JSON text) is not parsed at all. */
export const MAX_MESSAGE_CHARS = 1_000_000;

/**
 * Reads one message from the host: an envelope object or its JSON string
 * (parsed inside try/catch), or reveal.js's plain 'slide:start' / 'slide:stop'.
 * Anything else is null. Pure.
 */
export function parseMessage(data: unknown): Incoming {
  if (data === 'slide:start') return { slide: 'start' };
  if (data === 'slide:stop') return { slide: 'stop' };
  let obj: unknown = data;
  if (typeof data === 'string') {
    if (data.length > MAX_MESSAGE_CHARS) return null;
    try {
      obj = JSON.parse(data);
    } catch {
      return null;
    }
  }
  if (!obj || typeof obj !== 'object') return null;
  const m = obj as Partial<Envelope>;
  if (m.context !== 'speed-layer' || typeof m.method !== 'string') return null;
  if (!(METHODS as readonly string[]).includes(m.method)) return null;
  if (m.version !== 1) return { badVersion: m.version };
  return { method: m.method as Method, value: m.value };
}

/** What the frame's page offers the bridge. */
export interface EmbedTarget {
  play(): void;
  pause(): void;
  step(n: number): void;
  seek(frame: number): void;
  load(value: { s: string; params?: Record<string, string>; seed?: number }): string | null;
  info(): { scenarios: string[]; frameCount: number };
  autoplay: boolean;
}

/**
 * Connects the page to its host: accepts messages only from window.parent (and,
 * with `origin`, only from that origin), posts events only there. Never
 * focuses anything. Returns the emitter and a cleanup.
 */
export function startEmbed(
  target: EmbedTarget,
  opts: { origin: string | null; win?: Window },
): { emit: (event: EmbedEvent, value?: unknown) => void; stop: () => void } {
  const win = opts.win ?? window;
  const parent = win.parent;
  const listening = new Set<EmbedEvent>();
  const post = (event: EmbedEvent, value?: unknown): void => {
    const msg: Envelope = { context: 'speed-layer', version: 1, event, value };
    parent.postMessage(msg, opts.origin ?? '*');
  };
  const emit = (event: EmbedEvent, value?: unknown): void => {
    if (listening.has(event)) post(event, value);
  };
  const onMessage = (e: MessageEvent): void => {
    if (e.source !== parent) return;
    if (opts.origin && e.origin !== opts.origin) return;
    const m = parseMessage(e.data);
    if (!m) return;
    if ('badVersion' in m) {
      post('error', { message: `unsupported envelope version ${String(m.badVersion)}; use 1` });
      return;
    }
    if ('slide' in m) {
      if (m.slide === 'start' && target.autoplay) target.play();
      else if (m.slide === 'stop') target.pause();
      return;
    }
    const n = Number(m.value);
    switch (m.method) {
      case 'play':
        return target.play();
      case 'pause':
        return target.pause();
      case 'step':
        return target.step(Number.isFinite(n) ? Math.trunc(n) || 1 : 1);
      case 'seek':
        return target.seek(Number.isFinite(n) ? Math.trunc(n) : 0);
      case 'load': {
        const v = loadValueOf(m.value);
        if (typeof v === 'string') {
          post('error', { message: v });
          return;
        }
        // Coalesce a burst: the latest load wins; opening it supersedes (cancels) the run in flight.
        nextLoad = v;
        if (loadTimer === null)
          loadTimer = setTimeout(() => {
            loadTimer = null;
            const next = nextLoad;
            nextLoad = null;
            const err = next ? target.load(next) : null;
            if (err) post('error', { message: err });
          }, 0);
        return;
      }
      case 'addEventListener':
        if ((EVENTS as readonly string[]).includes(String(m.value)))
          listening.add(m.value as EmbedEvent);
        return;
    }
  };
  let nextLoad: LoadValue | null = null;
  let loadTimer: ReturnType<typeof setTimeout> | null = null;
  win.addEventListener('message', onMessage);
  post('ready', { ...target.info(), methods: [...METHODS], events: [...EVENTS] });
  return {
    emit,
    stop: () => {
      if (loadTimer !== null) clearTimeout(loadTimer);
      loadTimer = null;
      win.removeEventListener('message', onMessage);
    },
  };
}

type LoadValue = { s: string; params?: Record<string, string>; seed?: number };

/**
 * Validates a `load` value exactly as the URL's fields are validated: `s` a
 * scenario-id-shaped string, `seed` an integer 0..2^32-1, params named like
 * `p.NAME` with string, finite number or boolean values of at most 200
 * characters (as text). Returns the value or an error message. Pure.
 */
export function loadValueOf(value: unknown): LoadValue | string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'load needs { s }';
  const v = value as { s?: unknown; params?: unknown; seed?: unknown };
  if (typeof v.s !== 'string') return 'load needs { s }';
  if (!/^[a-z0-9-]{1,64}$/.test(v.s)) return 'load: s is not a scenario id';
  const out: LoadValue = { s: v.s };
  if (v.seed !== undefined) {
    const seed = v.seed;
    if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
      return 'load: seed must be an integer from 0 to 4294967295';
    out.seed = seed;
  }
  if (v.params !== undefined) {
    if (!v.params || typeof v.params !== 'object' || Array.isArray(v.params))
      return 'load: params must be an object';
    const params: Record<string, string> = {};
    const entries = Object.entries(v.params as Record<string, unknown>);
    if (entries.length > 100) return 'load: too many params';
    for (const [name, raw] of entries) {
      const text =
        typeof raw === 'string'
          ? raw
          : (typeof raw === 'number' && Number.isFinite(raw)) || typeof raw === 'boolean'
            ? String(raw)
            : null;
      if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name) || text === null || text.length > 200)
        return `load: param ${name.slice(0, 64)} is not valid`;
      params[name] = text;
    }
    out.params = params;
  }
  return out;
}
