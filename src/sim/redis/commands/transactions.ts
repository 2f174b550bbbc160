import type { CommandSpec } from '../command';
import type { Engine } from '../engine';
import { array, error, NULL_ARRAY, OK, simple, type Reply } from '../reply';

function multi(e: Engine): Reply {
  const c = e.clientState(e.client);
  if (c.multi) return error('ERR MULTI calls can not be nested');
  c.multi = { queue: [], failed: false };
  return OK;
}

/** discardTransaction: drops the queue, the dirty flags and every WATCH. */
function discardTransaction(e: Engine): void {
  const c = e.clientState(e.client);
  c.multi = null;
  c.dirtyCas = false;
  e.unwatchAll(e.client);
}

function discard(e: Engine): Reply {
  const c = e.clientState(e.client);
  if (!c.multi) return error('ERR DISCARD without MULTI');
  discardTransaction(e);
  return OK;
}

/**
 * EXEC runs the queue as one unit; the effects get wrapped by
 * Engine.flushUnit. A queueing error wins over a touched WATCH (EXECABORT
 * before *-1), as in multi.c.
 */
function exec(e: Engine): Reply {
  const c = e.clientState(e.client);
  if (!c.multi) return error('ERR EXEC without MULTI');
  if (e.watchedKeyExpired(e.client)) c.dirtyCas = true;
  const { queue, failed } = c.multi;
  if (failed || c.dirtyCas) {
    discardTransaction(e);
    return failed
      ? error('EXECABORT Transaction discarded because of previous errors.')
      : NULL_ARRAY;
  }
  // Unwatch before running, so the transaction's own writes touch nothing.
  e.unwatchAll(e.client);
  c.multi = null;
  const replies: Reply[] = [];
  const wasInExec = e.inExec;
  e.inExec = true;
  for (const q of queue) replies.push(e.call(q.spec, q.argv));
  e.inExec = wasInExec;
  discardTransaction(e);
  // EXEC itself is never propagated, only what it ran.
  e.propArgv = [];
  return queue.length === 0 ? array([]) : array(replies);
}

/** WATCH runs at once even inside MULTI, where it answers an error that does not doom the transaction. */
function watch(e: Engine, a: string[]): Reply {
  const c = e.clientState(e.client);
  if (c.multi) return error('ERR WATCH inside MULTI is not allowed');
  // No point in watching once the client is already dirty.
  if (c.dirtyCas) return OK;
  for (let i = 1; i < a.length; i++) e.watch(e.client, a[i]);
  return OK;
}

function unwatch(e: Engine): Reply {
  e.unwatchAll(e.client);
  e.clientState(e.client).dirtyCas = false;
  return OK;
}

/**
 * RESET (clearClientConnectionState): drops the transaction, the WATCHes and
 * every channel and pattern (without unsubscribe frames); allowed in MULTI and
 * in subscriber mode.
 */
function reset(e: Engine): Reply {
  e.disconnect(e.client);
  return simple('RESET');
}

export const transactionCommands: Record<string, CommandSpec> = {
  reset: { arity: 1, run: reset, transaction: true, pubsub: true },
  multi: { arity: 1, run: multi, transaction: true },
  exec: { arity: 1, run: exec, transaction: true },
  discard: { arity: 1, run: discard, transaction: true },
  watch: { arity: -2, run: watch, transaction: true },
  unwatch: { arity: 1, run: unwatch },
};
