import { MEMCACHED_NOT_FOUND, requireMemcached } from './memcachedServer';
import { NOT_FOUND, requireRedisServer } from './redisServer';

describe('differential preflight', () => {
  it('fails (never skips) with an install hint when redis-server is not on PATH', () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => requireRedisServer()).toThrow(NOT_FOUND);
    } finally {
      process.env.PATH = saved;
    }
  });

  it('finds redis-server 7.0 on PATH', () => {
    expect(requireRedisServer()).toMatch(/v=7\.0\./);
  });

  it('fails (never skips) with an install hint when memcached is not on PATH', () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => requireMemcached()).toThrow(MEMCACHED_NOT_FOUND);
    } finally {
      process.env.PATH = saved;
    }
  });

  it('finds memcached 1.6 on PATH', () => {
    expect(requireMemcached()).toMatch(/^memcached 1\.6\./);
  });
});
