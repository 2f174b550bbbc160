import {
  createActor,
  type AnyActorScope,
  type AnyStateMachine,
  type EventFromLogic,
  type EventObject,
  type SnapshotFrom,
  type StateValue,
} from 'xstate';
import type { World } from './world';

/** Effects a machine may ask for, by action type; params come resolved. */
export type Effects = Record<string, (params: Record<string, unknown>) => void>;

/**
 * Transitions memoized per machine definition. Our machines have no history,
 * children or spawned actors, so a transition is a pure function of (state
 * value, context, event): caching it changes nothing but the cost (xstate's
 * transition() takes tens of µs; a run makes tens of thousands). Bounded.
 * The key is JSON: contexts and events must be JSON-safe (no Infinity, NaN or
 * class instances), as everything in the model is (STYLE.md).
 */
const memo = new WeakMap<AnyStateMachine, Map<string, [unknown, ActionLike[]]>>();
const MEMO_LIMIT = 20_000;

function memoFor(machine: AnyStateMachine): Map<string, [unknown, ActionLike[]]> {
  let m = memo.get(machine);
  if (!m) {
    m = new Map();
    memo.set(machine, m);
  }
  return m;
}

interface RaiseParams {
  event: EventObject;
  id?: string;
  delay?: number;
}

/**
 * Steps an xstate machine with the pure `initialTransition`/`transition`.
 * Delayed raises become engine events (xstate delays are read as ns), cancels
 * remove them, and custom actions call `effects`. xstate's own clock and ids
 * never run, so a run replays byte for byte. Every change of state value is
 * recorded in the trace.
 */
export class MachineHost<M extends AnyStateMachine> {
  snapshot: SnapshotFrom<M>;
  private timers = new Map<string, number>();
  private queue: EventObject[] = [];
  private busy = false;
  private lastValue = '';
  private anon = 0;

  /** The actor scope every transition of this host runs in (see `step`). */
  private readonly scope: Parameters<M['transition']>[2];
  private collected: ActionLike[] = [];

  constructor(
    private readonly world: World,
    readonly nodeId: string,
    private readonly machine: M,
    input: unknown,
    private readonly effects: Effects = {},
  ) {
    this.scope = inertScope(machine, input, (a) => this.collected.push(a)) as typeof this.scope;
    // xstate's initialTransition(), in the same scope as every later step.
    this.snapshot = machine.getInitialSnapshot(this.scope, input) as SnapshotFrom<M>;
    const actions = this.collected;
    this.record();
    this.run(actions);
  }

  /** The state value as a string: `busy`, or `loading.replaying` for nested states. */
  get value(): string {
    return flatten((this.snapshot as { value: StateValue }).value);
  }

  /** The machine's context (read-only by convention). */
  get context(): SnapshotFrom<M> extends { context: infer C } ? C : never {
    return (this.snapshot as unknown as { context: never }).context;
  }

  /** True when the current state handles `type` (xstate's `can`). */
  can(event: EventObject): boolean {
    return (this.snapshot as unknown as { can(e: EventObject): boolean }).can(event);
  }

  /** Sends an event; events sent from inside an effect run after the current one. */
  send(event: EventFromLogic<M>): void {
    this.queue.push(event);
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length) {
        const e = this.queue.shift()!;
        const cache = memoFor(this.machine);
        const s = this.snapshot as unknown as { value: StateValue; context: unknown };
        const key = `${JSON.stringify(s.value)}|${JSON.stringify(s.context)}|${JSON.stringify(e)}`;
        let hit = cache.get(key);
        if (!hit) {
          hit = this.step(e);
          if (cache.size >= MEMO_LIMIT) cache.clear();
          cache.set(key, hit);
        }
        this.snapshot = hit[0] as SnapshotFrom<M>;
        this.record();
        this.run(hit[1]);
      }
    } finally {
      this.busy = false;
    }
  }

  /**
   * xstate's `transition()`, without its cost: that builds a whole actor (and
   * evaluates the machine's initial state, whose context factory throws
   * without input) on every call, about 70% of its time. The scope is the
   * inert one xstate builds, made once: actions are collected, never run.
   */
  private step(e: EventObject): [unknown, ActionLike[]] {
    this.collected = [];
    const snap = this.machine.transition(this.snapshot as never, e, this.scope);
    return [snap, this.collected];
  }

  /** Cancels every pending delayed event (a crash wipes the process's timers). */
  cancelAll(): void {
    for (const id of this.timers.values()) this.world.engine.cancel(id);
    this.timers.clear();
  }

  private record(): void {
    const v = this.value;
    if (v !== this.lastValue) {
      this.lastValue = v;
      this.world.state(this.nodeId, v);
    }
  }

  private run(actions: ActionLike[]): void {
    for (const a of actions) {
      if (a.type === 'xstate.raise') {
        const p = a.params as RaiseParams;
        if (p.delay === undefined) continue; // immediate raises are consumed inside transition()
        const key = p.id ?? `anon:${this.anon++}`;
        const old = this.timers.get(key);
        if (old !== undefined) this.world.engine.cancel(old);
        const id = this.world.engine.schedule(p.delay, () => {
          this.timers.delete(key);
          this.send(p.event as EventFromLogic<M>);
        });
        this.timers.set(key, id);
      } else if (a.type === 'xstate.cancel') {
        const key = (a.params as { sendId: string }).sendId;
        const id = this.timers.get(key);
        if (id !== undefined) {
          this.world.engine.cancel(id);
          this.timers.delete(key);
        }
      } else {
        const fx = this.effects[a.type];
        if (fx) fx((a.params ?? {}) as Record<string, unknown>);
      }
    }
  }
}

/**
 * An actor scope like xstate's own inert one (createInertActorScope, not
 * exported): nothing is spawned, logged or emitted; actions go to `collect`.
 * Our machines have no children, so the actor's own system serves.
 */
function inertScope(
  machine: AnyStateMachine,
  input: unknown,
  collect: (a: ActionLike) => void,
): AnyActorScope {
  const self = createActor(machine, { input });
  return {
    self,
    defer: () => {},
    id: '',
    logger: () => {},
    sessionId: '',
    stopChild: () => {},
    system: self.system,
    emit: () => {},
    actionExecutor: collect,
  };
}

interface ActionLike {
  type: string;
  params?: unknown;
}

function flatten(v: StateValue): string {
  if (typeof v === 'string') return v;
  const [k, inner] = Object.entries(v)[0] ?? ['', ''];
  return inner === undefined ? k : `${k}.${flatten(inner)}`;
}
