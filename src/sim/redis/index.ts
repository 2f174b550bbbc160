/**
 * The pure Redis 7.0 store: a deterministic keyspace that answers commands
 * byte for byte like redis-server, checked by tests/differential.
 */
export { createRedisStore } from './store';
export { encodeResp, encodeCommand, parseCommands } from './resp';
export { formatReply } from './formatReply';
export { formatDouble } from './double';
export { globMatch } from './glob';
export type { Reply } from './reply';
export type { ExecContext, KeyView, RdbSnapshot, RedisStore } from './types';
