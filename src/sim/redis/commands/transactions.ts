import type { CommandSpec } from '../command';
import type { Engine } from '../engine';
import { array, error, OK, type Reply } from '../reply';

function multi(e: Engine): Reply {
  const c = e.clientState(e.client);
  if (c.multi) return error('ERR MULTI calls can not be nested');
  c.multi = { queue: [], failed: false };
  return OK;
}

function discard(e: Engine): Reply {
  const c = e.clientState(e.client);
  if (!c.multi) return error('ERR DISCARD without MULTI');
  c.multi = null;
  return OK;
}

/** EXEC runs the queue as one unit; the effects get wrapped by Engine.flushUnit. */
function exec(e: Engine): Reply {
  const c = e.clientState(e.client);
  if (!c.multi) return error('ERR EXEC without MULTI');
  const { queue, failed } = c.multi;
  c.multi = null;
  if (failed) return error('EXECABORT Transaction discarded because of previous errors.');
  const replies: Reply[] = [];
  const wasInExec = e.inExec;
  e.inExec = true;
  for (const q of queue) replies.push(e.call(q.spec, q.argv));
  e.inExec = wasInExec;
  // EXEC itself is never propagated, only what it ran.
  e.propArgv = [];
  return queue.length === 0 ? array([]) : array(replies);
}

export const transactionCommands: Record<string, CommandSpec> = {
  multi: { arity: 1, run: multi, transaction: true },
  exec: { arity: 1, run: exec, transaction: true },
  discard: { arity: 1, run: discard, transaction: true },
};
