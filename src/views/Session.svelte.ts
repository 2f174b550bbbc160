import type { Json } from '../sim';
import {
  findScenario,
  normalizeParams,
  runScenario,
  type Intervention,
  type ParamValues,
  type RunResult,
  type ScenarioSpec,
} from '../scenarios';
import { consoleLines } from './consoleLog';
import { Player } from './Player.svelte';

type Run = RunResult & { outcome: Json };

/**
 * One open scenario: its params, seed and interventions, the run they give,
 * and the Player showing it. Every change re-runs the scenario (deterministic,
 * so the new trace shares the old prefix) and keeps the player where it can.
 */
export class Session {
  readonly spec: ScenarioSpec;
  params = $state.raw<ParamValues>({});
  seed = $state(1);
  interventions = $state.raw<Intervention[]>([]);
  run = $state.raw<Run>(undefined as unknown as Run);
  /** Why the last change could not run (it was rolled back), or null. */
  error = $state<string | null>(null);
  readonly player: Player;

  constructor(
    id: string,
    opts: {
      params?: Record<string, unknown>;
      seed?: number;
      interventions?: Intervention[];
      player?: Player;
    } = {},
  ) {
    const spec = findScenario(id);
    if (!spec) throw new Error(`unknown scenario '${id}'`);
    this.spec = spec;
    this.seed = opts.seed ?? 1;
    this.params = normalizeParams(spec.params, opts.params).values;
    this.interventions = opts.interventions ?? [];
    this.run = this.execute();
    this.player = opts.player ?? new Player(this.run.trace);
    if (opts.player) this.player.setTrace(this.run.trace, 'frame');
    if (spec.pacing === 'proportional') this.player.setPacing('proportional');
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
  intervene(iv: Intervention): boolean {
    return this.change({ interventions: [...this.interventions, iv] }, 'time');
  }

  /** Drops the last intervention and re-runs. */
  undo(): void {
    if (this.interventions.length === 0) return;
    this.change({ interventions: this.interventions.slice(0, -1) }, 'time');
  }

  /** Sends a console command now, then glides to the moment its reply arrives. */
  command(from: string, node: string, argv: string[]): void {
    const tNs = Math.round(this.player.tNs);
    if (!this.intervene({ tNs, kind: 'command', from, node, argv })) return;
    const lines = consoleLines(this.run.trace, this.interventions);
    const last = lines[lines.length - 1];
    if (last?.replyNs !== null && last?.replyNs !== undefined)
      this.player.seekTime(last.replyNs, { glide: true, ms: 1200 });
  }

  /** Re-runs with changed inputs; if the run throws, keeps the old inputs and says why. */
  private change(
    next: { params?: ParamValues; interventions?: Intervention[] },
    keep: 'frame' | 'time',
  ): boolean {
    const params = next.params ?? this.params;
    const interventions = next.interventions ?? this.interventions;
    let run: Run;
    try {
      run = this.execute(params, interventions);
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      return false;
    }
    this.error = null;
    this.params = params;
    this.interventions = interventions;
    this.run = run;
    this.player.setTrace(run.trace, keep);
    return true;
  }

  private execute(
    params: ParamValues = this.params,
    interventions: readonly Intervention[] = this.interventions,
  ): Run {
    return runScenario(this.spec.id, { params, seed: this.seed, interventions });
  }
}
