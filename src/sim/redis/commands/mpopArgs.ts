/**
 * The argument grammar LMPOP, BLMPOP, ZMPOP and BZMPOP share (t_list.c and
 * t_zset.c parse it the same way): [timeout] numkeys key [key ...] WHERE
 * [COUNT n], with COUNT at most once. One parser so the four agree on every
 * error, as they do in Redis.
 */
import { parseLong } from '../int64';
import { error, SYNTAX, type Reply } from '../reply';

export interface MpopArgs<W> {
  keys: string[];
  where: W;
  count: number;
}

/** `whereOf` reads LEFT|RIGHT or MIN|MAX (null when it is neither). */
export function parseMpopArgs<W>(
  a: string[],
  block: boolean,
  whereOf: (arg: string) => W | null,
): MpopArgs<W> | Reply {
  const numIdx = block ? 2 : 1;
  const numkeys = parseLong(a[numIdx]);
  if (numkeys === null || numkeys < 1) return error('ERR numkeys should be greater than 0');
  const whereIdx = numIdx + numkeys + 1;
  if (whereIdx >= a.length) return SYNTAX;
  const where = whereOf(a[whereIdx]);
  if (where === null) return SYNTAX;
  let count = -1;
  for (let j = whereIdx + 1; j < a.length; j++) {
    if (count === -1 && a[j].toLowerCase() === 'count' && j < a.length - 1) {
      const c = parseLong(a[++j]);
      if (c === null || c < 1) return error('ERR count should be greater than 0');
      count = c;
    } else return SYNTAX;
  }
  return { keys: a.slice(numIdx + 1, whereIdx), where, count: count === -1 ? 1 : count };
}

export function isMpopArgs<W>(r: MpopArgs<W> | Reply): r is MpopArgs<W> {
  return !('type' in r);
}
