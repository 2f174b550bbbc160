import type { Component } from 'svelte';
import type { Json, Trace, TraceState } from '../../sim';
import type { ParamValues } from '../../scenarios';
import HashObject from './HashObject.svelte';
import Leaderboard from './Leaderboard.svelte';
import ListQueue from './ListQueue.svelte';
import MemoryHierarchy from './MemoryHierarchy.svelte';
import Persistence from './Persistence.svelte';
import PubsubChat from './PubsubChat.svelte';
import RateLimiter from './RateLimiter.svelte';
import RedisVsMemcached from './RedisVsMemcached.svelte';
import SetMutualFriends from './SetMutualFriends.svelte';
import SharedBrain from './SharedBrain.svelte';
import StringSession from './StringSession.svelte';
import TwitterFanout from './TwitterFanout.svelte';

/** What a per-scenario data view receives: the run and the display moment. */
export interface SceneProps {
  trace: Trace;
  state: TraceState;
  tNs: number;
  params: ParamValues;
  outcome: Json;
  /**
   * Set while a preview is on screen (the run's first part, the rest still
   * computing): where the whole run will end, so a time axis can keep the
   * scale it will have. Unset for a whole run: its trace's end is the span.
   */
  spanNs?: number;
  /** Sets a scenario parameter (the run re-runs, keeping the learner's place), when the view may. */
  onparam?: (name: string, value: number | boolean | string) => void;
}

/**
 * Per-scenario data views (latency ruler, leaderboard, queue...), drawn beside
 * or below the stage when the open scenario has one. Keyed by scenario id.
 */
export const scenes: Record<string, Component<SceneProps>> = {
  'memory-hierarchy': MemoryHierarchy,
  'shared-brain': SharedBrain,
  'string-session': StringSession,
  'list-queue': ListQueue,
  'set-mutual-friends': SetMutualFriends,
  'sorted-set-leaderboard': Leaderboard,
  'hash-object': HashObject,
  'redis-vs-memcached': RedisVsMemcached,
  'rate-limiter': RateLimiter,
  'pubsub-chat': PubsubChat,
  'persistence-rdb-vs-aof': Persistence,
  'twitter-fanout': TwitterFanout,
};
