import { assign, setup } from 'xstate';

/** Inputs of the redis machine: nanoseconds per command, from the node's latency config. */
export interface RedisMachineInput {
  commandCostNs: number;
}

export type RedisMachineEvent =
  | { type: 'ARRIVE' }
  | { type: 'FORK'; ns: number }
  | { type: 'FSYNC'; ns: number }
  | { type: 'CRASH' }
  | { type: 'RESTART'; loadNs: number }
  | { type: 'COST'; ns: number };

/**
 * Redis's single thread: commands queue and run one at a time (`busy` for the
 * command's cost, then `execute`); a BGSAVE's fork pauses the thread
 * (`forking`), and so does an fsync under appendfsync always (`fsyncing`,
 * before the replies go out); a crash drops everything (`crashed`); a restart
 * replays the data from disk (`loading`, answering -LOADING) before serving.
 */
export const redisMachine = setup({
  types: {
    context: {} as { queued: number; costNs: number; pauseNs: number; loadNs: number },
    events: {} as RedisMachineEvent,
    input: {} as RedisMachineInput,
  },
  delays: {
    cost: ({ context }) => context.costNs,
    pause: ({ context }) => context.pauseNs,
    load: ({ context }) => context.loadNs,
  },
  actions: {
    // Effects: implemented by the node through MachineHost.
    execute: () => {},
    forked: () => {},
    synced: () => {},
    loaded: () => {},
  },
  guards: { hasWork: ({ context }) => context.queued > 0 },
}).createMachine({
  id: 'redis',
  initial: 'idle',
  context: ({ input }) => ({ queued: 0, costNs: input.commandCostNs, pauseNs: 0, loadNs: 0 }),
  on: {
    ARRIVE: { actions: assign({ queued: ({ context }) => context.queued + 1 }) },
    FORK: { target: '.forking', actions: assign({ pauseNs: ({ event }) => event.ns }) },
    FSYNC: { target: '.fsyncing', actions: assign({ pauseNs: ({ event }) => event.ns }) },
    CRASH: { target: '.crashed', actions: assign({ queued: 0 }) },
    // A new per-command cost (a latency intervention): the command running now keeps its own.
    COST: { actions: assign({ costNs: ({ event }) => event.ns }) },
  },
  states: {
    idle: {
      always: { guard: 'hasWork', target: 'busy' },
    },
    busy: {
      after: {
        cost: {
          target: 'idle',
          actions: [assign({ queued: ({ context }) => context.queued - 1 }), 'execute'],
        },
      },
    },
    forking: { after: { pause: { target: 'idle', actions: 'forked' } } },
    fsyncing: { after: { pause: { target: 'idle', actions: 'synced' } } },
    crashed: {
      on: {
        ARRIVE: {},
        FORK: {},
        FSYNC: {},
        RESTART: { target: 'loading', actions: assign({ loadNs: ({ event }) => event.loadNs }) },
      },
    },
    loading: {
      on: { ARRIVE: {}, FORK: {}, FSYNC: {} },
      after: { load: { target: 'idle', actions: 'loaded' } },
    },
  },
});
