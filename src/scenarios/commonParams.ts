import type { ParamSpec } from './spec';

/** Latency parameters many scenarios share, with the defaults of FACTS.md. */

/** Round trip between servers in one datacenter (FACTS: ~500 µs). */
export const RTT_US: ParamSpec = {
  name: 'rttUs',
  label: 'Datacenter round trip',
  type: 'number',
  default: 500,
  min: 50,
  max: 5000,
  step: 10,
  unit: 'µs',
  group: 'latency',
};

/** Redis's own time on a simple command (~1 µs). */
export const REDIS_CMD_US: ParamSpec = {
  name: 'redisCmdUs',
  label: 'Redis command time',
  type: 'number',
  default: 1,
  min: 0.1,
  max: 100,
  step: 0.1,
  unit: 'µs',
  group: 'latency',
};

/** Round trip between a browser and the web tier. */
export const CLIENT_RTT_MS: ParamSpec = {
  name: 'clientRttMs',
  label: 'Browser round trip',
  type: 'number',
  default: 20,
  min: 1,
  max: 200,
  step: 1,
  unit: 'ms',
  group: 'latency',
};
