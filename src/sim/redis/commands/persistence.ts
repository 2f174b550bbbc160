import type { CommandSpec } from '../command';
import type { Engine } from '../engine';
import { error, integer, OK, simple, SYNTAX, type Reply } from '../reply';

const IN_PROGRESS = 'ERR Background save already in progress';

function save(e: Engine): Reply {
  if (e.bgsaveInProgress) return error(IN_PROGRESS);
  e.lastSaveMs = e.nowMs;
  e.dirty = 0;
  return OK;
}

/** BGSAVE forks: the machine later calls finishBgsave(ok, nowMs). */
function bgsave(e: Engine, a: string[]): Reply {
  if (a.length > 1 && (a.length > 2 || a[1].toLowerCase() !== 'schedule')) return SYNTAX;
  if (e.bgsaveInProgress) return error(IN_PROGRESS);
  e.bgsaveInProgress = true;
  e.dirtyAtFork = e.dirty;
  // Inside EXEC Redis only schedules it (rdb.c: server.in_exec); cron forks soon after.
  return simple(e.inExec ? 'Background saving scheduled' : 'Background saving started');
}

/** The rewrite is modelled as instant; with a BGSAVE running Redis only schedules it. */
function bgrewriteaof(e: Engine): Reply {
  e.rewriteAof();
  return simple(
    e.bgsaveInProgress
      ? 'Background append only file rewriting scheduled'
      : 'Background append only file rewriting started',
  );
}

export const persistenceCommands: Record<string, CommandSpec> = {
  save: { arity: 1, run: save, noMulti: true },
  bgsave: { arity: -1, run: bgsave },
  lastsave: { arity: 1, run: (e) => integer(Math.floor(e.lastSaveMs / 1000)) },
  bgrewriteaof: { arity: 1, run: bgrewriteaof },
};
