import { assign, setup } from 'xstate';

/** Inputs of the storage machine: how long one read takes, in ns. */
export interface StorageMachineInput {
  accessNs: number;
}

export type StorageMachineEvent = { type: 'ARRIVE' };

/**
 * A memory or storage device (RAM, SSD, HDD): reads queue and are served one at
 * a time, each taking the device's access time (`reading`), then `served`.
 * One at a time is the point for a disk: a head can only be in one place.
 */
export const storageMachine = setup({
  types: {
    context: {} as { queued: number; accessNs: number },
    events: {} as StorageMachineEvent,
    input: {} as StorageMachineInput,
  },
  delays: {
    access: ({ context }) => context.accessNs,
  },
  actions: {
    // Effect: implemented by the node through MachineHost.
    served: () => {},
  },
  guards: { hasWork: ({ context }) => context.queued > 0 },
}).createMachine({
  id: 'storage',
  initial: 'idle',
  context: ({ input }) => ({ queued: 0, accessNs: input.accessNs }),
  on: {
    ARRIVE: { actions: assign({ queued: ({ context }) => context.queued + 1 }) },
  },
  states: {
    idle: {
      always: { guard: 'hasWork', target: 'reading' },
    },
    reading: {
      after: {
        access: {
          target: 'idle',
          actions: [assign({ queued: ({ context }) => context.queued - 1 }), 'served'],
        },
      },
    },
  },
});
