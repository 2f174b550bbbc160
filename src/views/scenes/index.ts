import type { Component } from 'svelte';
import type { Json, Trace, TraceState } from '../../sim';
import type { ParamValues } from '../../scenarios';
import HashObject from './HashObject.svelte';
import Leaderboard from './Leaderboard.svelte';
import ListQueue from './ListQueue.svelte';
import MemoryHierarchy from './MemoryHierarchy.svelte';
import PubsubChat from './PubsubChat.svelte';
import RateLimiter from './RateLimiter.svelte';
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
  'rate-limiter': RateLimiter,
  'pubsub-chat': PubsubChat,
  'twitter-fanout': TwitterFanout,
};
