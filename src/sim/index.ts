/** The public entry of the model: everything src/scenarios may build on. */
export { Engine } from './engine';
export { EventHeap } from './heap';
export type { Json } from './json';
export { fixed, sampleLatencyNs, type LatencySpec } from './latency';
export { MachineHost, type Effects } from './machineHost';
export type { Packet, PacketKind } from './packet';
export { spawn, type Op, type Proc } from './process';
export { quote, say, type Quote, type QuoteSource, type Said } from './quote';
export { createRng, type Rng } from './rng';
export {
  formatDuration,
  msToNs,
  nsToMs,
  secToNs,
  usToNs,
  NS_PER_MS,
  NS_PER_SEC,
  NS_PER_US,
} from './time';
export { Trace, type Frame, type TraceState } from './trace';
export type { TraceEntry } from './traceEntry';
export {
  World,
  type Link,
  type Outgoing,
  type RunProgress,
  type SimNode,
  type Topology,
} from './world';
export {
  Actor,
  type ActorOptions,
  type Handler,
  type HttpRequest,
  type HttpResponse,
  type PgQuery,
  type PgResult,
} from './nodes/actor';
export { PostgresNode, POSTGRES_DEFAULTS, type PostgresOptions } from './nodes/postgres';
export { MemcachedNode, MEMCACHED_DEFAULTS, type MemcachedNodeOptions } from './nodes/memcached';
export { pushLabel, RedisNode, REDIS_DEFAULTS, shortReply, type RedisOptions } from './nodes/redis';
export type { Reply } from './redis';
export { StorageNode } from './nodes/storage';
