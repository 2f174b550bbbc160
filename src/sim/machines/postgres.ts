import { assign, raise, setup } from 'xstate';

export interface PostgresMachineInput {
  maxConnections: number;
}

export type PostgresMachineEvent =
  | { type: 'QUERY'; qid: number; costNs: number }
  | { type: 'RUN'; qid: number; costNs: number }
  | { type: 'DONE'; qid: number }
  | { type: 'CRASH' }
  | { type: 'RESTART' };

/**
 * Postgres load: up to `maxConnections` queries run at once, each ending after
 * its own cost (a delayed DONE on the engine's queue); more wait (`saturated`).
 * On DONE the node replies (`finished`) and, if one waits, sends RUN for it.
 * The state value is derived from the load: idle, busy, saturated, down.
 */
export const postgresMachine = setup({
  types: {
    context: {} as { active: number; queued: number; maxConnections: number },
    events: {} as PostgresMachineEvent,
    input: {} as PostgresMachineInput,
  },
  actions: {
    finished: () => {},
    // A query ends after its own cost: a delayed DONE on the engine's queue.
    runQuery: raise(
      ({ event }) => ({ type: 'DONE' as const, qid: 'qid' in event ? event.qid : -1 }),
      { delay: ({ event }) => ('costNs' in event ? event.costNs : 0) },
    ),
  },
  guards: {
    full: ({ context }) => context.active >= context.maxConnections,
    anyQueued: ({ context }) => context.queued > 0,
    noQueued: ({ context }) => context.queued === 0,
    anyActive: ({ context }) => context.active > 0,
    noActive: ({ context }) => context.active === 0,
  },
}).createMachine({
  id: 'postgres',
  initial: 'idle',
  context: ({ input }) => ({ active: 0, queued: 0, maxConnections: input.maxConnections }),
  on: {
    QUERY: [
      { guard: 'full', actions: assign({ queued: ({ context }) => context.queued + 1 }) },
      { actions: [assign({ active: ({ context }) => context.active + 1 }), { type: 'runQuery' }] },
    ],
    RUN: {
      actions: [
        assign({
          active: ({ context }) => context.active + 1,
          queued: ({ context }) => context.queued - 1,
        }),
        { type: 'runQuery' },
      ],
    },
    DONE: {
      actions: [
        assign({ active: ({ context }) => context.active - 1 }),
        {
          type: 'finished',
          params: ({ event }: { event: PostgresMachineEvent }) => ({
            qid: 'qid' in event ? event.qid : -1,
          }),
        },
      ],
    },
    CRASH: { target: '.down', actions: assign({ active: 0, queued: 0 }) },
  },
  states: {
    idle: {
      always: [
        { guard: 'anyQueued', target: 'saturated' },
        { guard: 'anyActive', target: 'busy' },
      ],
    },
    busy: {
      always: [
        { guard: 'anyQueued', target: 'saturated' },
        { guard: 'noActive', target: 'idle' },
      ],
    },
    saturated: { always: { guard: 'noQueued', target: 'busy' } },
    down: { on: { QUERY: {}, RUN: {}, DONE: {}, RESTART: 'idle' } },
  },
});
