import { assign, raise, setup } from 'xstate';

export interface MemcachedMachineInput {
  threads: number;
}

export type MemcachedMachineEvent =
  | { type: 'START'; rid: number; costNs: number }
  | { type: 'DONE'; rid: number }
  | { type: 'CRASH' }
  | { type: 'RESTART' };

/**
 * Memcached load: each of `threads` worker threads runs one request at a
 * time; a request ends after its cost (a delayed DONE on the engine's
 * queue), and the node replies (`finished`). Which thread runs what is the
 * node's business (connections are pinned); the machine counts busy threads:
 * idle, busy (some), saturated (all), down.
 */
export const memcachedMachine = setup({
  types: {
    context: {} as { busy: number; threads: number },
    events: {} as MemcachedMachineEvent,
    input: {} as MemcachedMachineInput,
  },
  actions: {
    finished: () => {},
    runRequest: raise(
      ({ event }) => ({ type: 'DONE' as const, rid: 'rid' in event ? event.rid : -1 }),
      { delay: ({ event }) => ('costNs' in event ? event.costNs : 0) },
    ),
  },
  guards: {
    allBusy: ({ context }) => context.busy >= context.threads,
    someBusy: ({ context }) => context.busy > 0 && context.busy < context.threads,
    noneBusy: ({ context }) => context.busy === 0,
  },
}).createMachine({
  id: 'memcached',
  initial: 'idle',
  context: ({ input }) => ({ busy: 0, threads: input.threads }),
  on: {
    START: {
      actions: [assign({ busy: ({ context }) => context.busy + 1 }), { type: 'runRequest' }],
    },
    DONE: {
      actions: [
        assign({ busy: ({ context }) => context.busy - 1 }),
        {
          type: 'finished',
          params: ({ event }: { event: MemcachedMachineEvent }) => ({
            rid: 'rid' in event ? event.rid : -1,
          }),
        },
      ],
    },
    CRASH: { target: '.down', actions: assign({ busy: 0 }) },
  },
  states: {
    idle: {
      always: [
        { guard: 'allBusy', target: 'saturated' },
        { guard: 'someBusy', target: 'busy' },
      ],
    },
    busy: {
      always: [
        { guard: 'allBusy', target: 'saturated' },
        { guard: 'noneBusy', target: 'idle' },
      ],
    },
    saturated: {
      always: [
        { guard: 'noneBusy', target: 'idle' },
        { guard: 'someBusy', target: 'busy' },
      ],
    },
    down: { on: { START: {}, DONE: {}, RESTART: 'idle' } },
  },
});
