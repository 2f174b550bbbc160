import { assign, setup } from 'xstate';

/**
 * The machine of a node that runs handler processes (a client, a web server, a
 * worker): idle with nothing in progress, busy while handling, down when crashed.
 */
export function actorMachine(id: ActorKind) {
  let m = byKind.get(id);
  if (!m) {
    m = buildActorMachine(id);
    byKind.set(id, m);
  }
  return m;
}

export type ActorKind = 'client' | 'webServer' | 'worker' | 'loadBalancer';

// One definition per kind, shared by every actor of that kind, so MachineHost's
// transition memo (keyed by machine) is shared too. Definitions are immutable.
const byKind = new Map<ActorKind, ReturnType<typeof buildActorMachine>>();

function buildActorMachine(id: ActorKind) {
  return setup({
    types: {
      context: {} as { active: number },
      events: {} as { type: 'BEGIN' } | { type: 'END' } | { type: 'CRASH' } | { type: 'RESTART' },
    },
    guards: { lastOne: ({ context }) => context.active <= 1 },
  }).createMachine({
    id,
    initial: 'idle',
    context: { active: 0 },
    states: {
      idle: {
        on: {
          BEGIN: { target: 'busy', actions: assign({ active: 1 }) },
          CRASH: 'down',
        },
      },
      busy: {
        on: {
          BEGIN: { actions: assign({ active: ({ context }) => context.active + 1 }) },
          END: [
            { guard: 'lastOne', target: 'idle', actions: assign({ active: 0 }) },
            { actions: assign({ active: ({ context }) => context.active - 1 }) },
          ],
          CRASH: { target: 'down', actions: assign({ active: 0 }) },
        },
      },
      down: { on: { RESTART: 'idle' } },
    },
  });
}
