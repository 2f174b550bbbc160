import type { Json } from '../sim';
import {
  findScenario,
  normalizeParams,
  type Intervention,
  type ParamValues,
  type RunProgress,
  type RunResult,
  type ScenarioSpec,
} from '../scenarios';
import { consoleLines } from './consoleLog';
import { Player } from './Player.svelte';
import { RunClient } from './runClient';

/** A finished run, with the interventions it was run with. */
export type Run = RunResult & { outcome: Json; interventions: readonly Intervention[] };

/** A run being computed: since when, whether it is slow enough to show, how far it got. */
export interface Pending {
  /** 'load': the session has no run yet; 'change': the previous run stays on screen. */
  kind: 'load' | 'change';
  /** True once it has taken longer than SLOW_MS: show the progress bar. */
  slow: boolean;
  progress: RunProgress | null;
}

/** A run that takes longer than this shows a progress bar with a Cancel button. */
export const SLOW_MS = 150;

/**
 * One open scenario: its params, seed and interventions, the run they give,
 * and the Player showing it. Every change re-runs the scenario (deterministic,
 * so the new trace shares the old prefix) and keeps the player where it can.
 *
 * Runs go through a RunClient (a slice at a time between the page's tasks, in
 * the app): until a run arrives the previous one stays on screen; a newer change supersedes an older
 * one still computing; a cancelled or failed change rolls the inputs back.
 * `params` and `interventions` are the inputs last asked for (what the panels
 * show); `run` is the last run that arrived.
 */
export class Session {
  readonly spec: ScenarioSpec;
  params = $state.raw<ParamValues>({});
  seed = $state(1);
  interventions = $state.raw<Intervention[]>([]);
  /**
   * The run on screen; null until the first one arrives. While the first run
   * computes it may be a preview (`run.partial`): its first part, drawn early.
   */
  run = $state.raw<Run | null>(null);
  /** Created with the first run. */
  player = $state.raw<Player | null>(null);
  /** The run being computed, or null. */
  pending = $state.raw<Pending | null>(null);
  /** Why the last change could not run (it was rolled back), or null. */
  error = $state<string | null>(null);
  /** Why the first run failed or was cancelled ('cancelled'), or null. */
  failed = $state<string | null>(null);

  private readonly client: RunClient;
  private readonly ownsClient: boolean;
  private readonly givenPlayer: Player | undefined;
  private readonly onready: ((s: Session) => void) | undefined;
  private readonly onfail: ((s: Session, reason: string) => void) | undefined;
  private slowTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  /** True once a whole run has arrived (a preview does not count). */
  private arrived = false;

  constructor(
    id: string,
    opts: {
      params?: Record<string, unknown>;
      seed?: number;
      interventions?: Intervention[];
      player?: Player;
      /** Shared by the app so a new session supersedes the old one's run; default: synchronous runs. */
      client?: RunClient;
      /** Called once, when the first run is on screen (synchronously when the run is). */
      onready?: (s: Session) => void;
      /** Called once if the first run fails or is cancelled ('cancelled'). */
      onfail?: (s: Session, reason: string) => void;
    } = {},
  ) {
    const spec = findScenario(id);
    if (!spec) throw new Error(`unknown scenario '${id}'`);
    this.spec = spec;
    this.seed = opts.seed ?? 1;
    this.params = normalizeParams(spec.params, opts.params).values;
    this.interventions = opts.interventions ?? [];
    this.client = opts.client ?? new RunClient();
    this.ownsClient = !opts.client;
    this.givenPlayer = opts.player;
    this.onready = opts.onready;
    this.onfail = opts.onfail;
    this.change({}, 'frame');
  }

  /** Changes one parameter and re-runs, keeping the frame index (clamped). */
  setParam(name: string, value: number | boolean | string): void {
    const params = normalizeParams(this.spec.params, { ...this.params, [name]: value }).values;
    this.change({ params }, 'frame');
  }

  /** Back to the scenario's defaults. */
  resetParams(): void {
    this.change({ params: normalizeParams(this.spec.params, {}).values }, 'frame');
  }

  /** Adds an intervention (at its own time) and re-runs; the player stays at the same time. */
  intervene(iv: Intervention, then?: (run: Run) => void): void {
    // Pin a paused player to the moment of the act: a step's glide would otherwise
    // carry on while the run computes, and the new run would open after it.
    if (this.player && !this.player.playing) this.player.seekTime(iv.tNs);
    this.change({ interventions: [...this.interventions, iv] }, 'time', then);
  }

  /** Drops the last intervention and re-runs. */
  undo(): void {
    if (this.interventions.length === 0) return;
    this.change({ interventions: this.interventions.slice(0, -1) }, 'time');
  }

  /** Sends a console command now, then glides to the moment its reply arrives. */
  command(from: string, node: string, argv: string[]): void {
    if (!this.player) return;
    const tNs = Math.round(this.player.tNs);
    this.intervene({ tNs, kind: 'command', from, node, argv }, (run) => {
      const lines = consoleLines(run.trace, run.interventions);
      const last = lines[lines.length - 1];
      if (last?.replyNs !== null && last?.replyNs !== undefined)
        this.player?.seekTime(last.replyNs, { glide: true, ms: 1200 });
    });
  }

  /** Stops the run being computed: the previous run and its inputs stay. */
  cancel(): void {
    if (!this.pending) return;
    this.client.cancel();
    this.settle();
    if (this.arrived && this.run) {
      this.params = this.run.params;
      this.interventions = [...this.run.interventions];
    } else {
      this.dropPreview();
      this.failed = 'cancelled';
      this.onfail?.(this, 'cancelled');
    }
  }

  /** Stops any run in flight and the player (the session is being closed). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.pending) this.client.cancel();
    this.settle();
    this.player?.destroy();
    if (this.ownsClient) this.client.dispose();
  }

  /**
   * Re-runs with changed inputs. The inputs show at once; the run replaces the
   * one on screen when it arrives, unless a newer change came first. If it
   * fails, the inputs roll back to the run on screen and `error` says why.
   */
  private change(
    next: { params?: ParamValues; interventions?: Intervention[] },
    keep: 'frame' | 'time',
    then?: (run: Run) => void,
  ): void {
    if (this.disposed) return;
    const params = next.params ?? this.params;
    const interventions = next.interventions ?? this.interventions;
    this.params = params;
    this.interventions = interventions;
    this.settle();
    this.pending = { kind: this.arrived ? 'change' : 'load', slow: false, progress: null };
    this.slowTimer = setTimeout(() => {
      this.slowTimer = null;
      if (this.pending) this.pending = { ...this.pending, slow: true };
    }, SLOW_MS);
    this.client.run(
      { id: this.spec.id, params, seed: this.seed, interventions },
      {
        onprogress: (progress) => {
          if (this.pending) this.pending = { ...this.pending, progress };
        },
        // Only while nothing whole is on screen: the first frames, drawn early.
        onpreview: this.arrived
          ? undefined
          : (data) => {
              if (this.disposed) return;
              this.show({ ...data, interventions }, 'frame');
            },
        onresult: (data) => {
          if (this.disposed) return;
          this.settle();
          const first = !this.arrived;
          const run: Run = { ...data, interventions };
          this.error = null;
          this.arrived = true;
          this.show(run, keep);
          if (first) this.onready?.(this);
          then?.(run);
        },
        onerror: (message) => {
          if (this.disposed) return;
          this.settle();
          if (this.arrived && this.run) {
            this.error = message;
            this.params = this.run.params;
            this.interventions = [...this.run.interventions];
          } else {
            this.dropPreview();
            this.failed = message;
            this.onfail?.(this, message);
          }
        },
      },
    );
  }

  /** Puts a run (or a preview) on screen: the first one creates the player. */
  private show(run: Run, keep: 'frame' | 'time'): void {
    this.run = run;
    if (this.player) {
      this.player.setTrace(run.trace, keep);
      return;
    }
    this.player = this.givenPlayer ?? new Player(run.trace);
    if (this.givenPlayer) this.player.setTrace(run.trace, 'frame');
    if (this.spec.pacing === 'proportional')
      this.player.setPacing('proportional', this.spec.nsPerWallMs);
  }

  /** Takes a preview off screen (its run failed or was cancelled before it was whole). */
  private dropPreview(): void {
    if (this.arrived) return;
    this.run = null;
    if (this.player && this.player !== this.givenPlayer) this.player.destroy();
    this.player = null;
  }

  private settle(): void {
    if (this.slowTimer !== null) clearTimeout(this.slowTimer);
    this.slowTimer = null;
    this.pending = null;
  }
}
