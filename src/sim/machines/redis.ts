import { assign, setup } from 'xstate';

/** Inputs of the redis machine: nanoseconds per command, from the node's latency config. */
export interface RedisMachineInput {
  commandCostNs: number;
}

export type RedisMachineEvent =
  | { type: 'ARRIVE' }
  | { type: 'FORK'; forkNs: number }
  | { type: 'CRASH' }
  | { type: 'RESTART'; loadNs: number };

/**
 * Redis's single thread: commands queue and run one at a time (`busy` for the
 * command's cost, then `execute`); a BGSAVE's fork pauses the thread
 * (`forking`); a crash drops everything (`crashed`); a restart replays the
 * data from disk (`loading`, answering -LOADING) before serving again.
 */
export const redisMachine = setup({
  types: {
    context: {} as { queued: number; costNs: number; forkNs: number; loadNs: number },
    events: {} as RedisMachineEvent,
    input: {} as RedisMachineInput,
  },
  delays: {
    cost: ({ context }) => context.costNs,
    fork: ({ context }) => context.forkNs,
    load: ({ context }) => context.loadNs,
  },
  actions: {
    // Effects: implemented by the node through MachineHost.
    execute: () => {},
    forked: () => {},
    loaded: () => {},
  },
  guards: { hasWork: ({ context }) => context.queued > 0 },
}).createMachine({
  id: 'redis',
  initial: 'idle',
  context: ({ input }) => ({ queued: 0, costNs: input.commandCostNs, forkNs: 0, loadNs: 0 }),
  on: {
    ARRIVE: { actions: assign({ queued: ({ context }) => context.queued + 1 }) },
    CRASH: { target: '.crashed', actions: assign({ queued: 0 }) },
  },
  states: {
    idle: {
      always: { guard: 'hasWork', target: 'busy' },
      on: {
        ARRIVE: { target: 'busy', actions: assign({ queued: ({ context }) => context.queued + 1 }) },
        FORK: { target: 'forking', actions: assign({ forkNs: ({ event }) => event.forkNs }) },
      },
    },
    busy: {
      after: {
        cost: {
          target: 'idle',
          actions: [assign({ queued: ({ context }) => context.queued - 1 }), 'execute'],
        },
      },
      on: { FORK: { target: 'forking', actions: assign({ forkNs: ({ event }) => event.forkNs }) } },
    },
    forking: { after: { fork: { target: 'idle', actions: 'forked' } } },
    crashed: {
      on: {
        ARRIVE: {},
        RESTART: { target: 'loading', actions: assign({ loadNs: ({ event }) => event.loadNs }) },
      },
    },
    loading: {
      on: { ARRIVE: {} },
      after: { load: { target: 'idle', actions: 'loaded' } },
    },
  },
});
