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

/** A host message, normalized: a method call, a reveal.js slide signal, or null (ignored). */
export type Incoming = { method: Method; value: unknown } | { slide: 'start' | 'stop' } | null;

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
  return { method: m.method as Method, value: m.value };
}

/** What the frame's page offers the bridge. */
export interface EmbedTarget {
  play(): void;
  pause(): void;
  step(n: number): void;
  seek(frame: number): void;
  load(value: { s: string; params?: Record<string, unknown>; seed?: number }): string | null;
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
        const v = m.value as { s?: unknown; params?: unknown; seed?: unknown } | null;
        const err =
          v && typeof v.s === 'string'
            ? target.load({
                s: v.s,
                params:
                  v.params && typeof v.params === 'object'
                    ? (v.params as Record<string, unknown>)
                    : undefined,
                seed: typeof v.seed === 'number' ? v.seed : undefined,
              })
            : 'load needs { s }';
        if (err) post('error', { message: err });
        return;
      }
      case 'addEventListener':
        if ((EVENTS as readonly string[]).includes(String(m.value)))
          listening.add(m.value as EmbedEvent);
        return;
    }
  };
  win.addEventListener('message', onMessage);
  post('ready', { ...target.info(), methods: [...METHODS], events: [...EVENTS] });
  return { emit, stop: () => win.removeEventListener('message', onMessage) };
}
