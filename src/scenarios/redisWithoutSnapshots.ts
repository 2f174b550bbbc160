import { REDIS_DEFAULTS, type RedisOptions } from '../sim';

/**
 * Redis as most lessons want it: no save points. Persistence is its own lesson;
 * with the default "3600 1" every run would stretch to a BGSAVE an hour in.
 */
export const REDIS_WITHOUT_SNAPSHOTS: RedisOptions = { ...REDIS_DEFAULTS, config: { save: '' } };
