import Redis from 'ioredis';
import type { CacheService, LoggerService } from '../../../../framework/api';
import { CacheManager } from '../../../../framework/services/cache';
import { ConfigReader } from '../../../../framework/services/rootConfig';
import { describeWithRedis, redisUrl, uniqueName } from '../../../support/realServices';
import { startTcpProxy } from '../../../support/tcpProxy';
import { until } from '../../../support/until';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Outcomes waited for here come within the cache's own timeouts and probe intervals, well under 10 s.
const eventually = (what: string, attempt: () => Promise<boolean>) => until(attempt, what, { timeoutMs: 10_000, intervalMs: 100 });

/** `namespaces` collects the plugin ids the tests used, for a store that outlives the run to clear them. */
function sharedBehaviour(makeManager: () => CacheManager, namespaces: string[] = []) {
  let manager: CacheManager;
  let a: CacheService;
  let b: CacheService;
  let ids: { a: string; b: string };

  beforeEach(() => {
    manager = makeManager();
    ids = { a: uniqueName('cache_a'), b: uniqueName('cache_b') };
    namespaces.push(ids.a, ids.b);
    a = manager.forPlugin(ids.a);
    b = manager.forPlugin(ids.b);
  });
  afterEach(() => manager.close());

  it('stores, reads and deletes JSON values', async () => {
    const value = { name: 'widget', tags: ['x', 'y'], count: 3, ok: true, nothing: null, nested: { deep: [1, { two: 2 }] } };
    expect(await a.get('missing')).toBeUndefined();
    await a.set('k', value);
    expect(await a.get('k')).toEqual(value);
    await a.set('k', 'replaced');
    expect(await a.get('k')).toBe('replaced');
    await a.delete('k');
    expect(await a.get('k')).toBeUndefined();
  });

  it('returns copies, so changing a read value does not change the cache', async () => {
    await a.set('obj', { n: 1 });
    const read = (await a.get<{ n: number }>('obj'))!;
    read.n = 99;
    expect(await a.get('obj')).toEqual({ n: 1 });
  });

  it('keeps two plugins apart under the same key', async () => {
    await a.set('shared-key', 'from a');
    await b.set('shared-key', 'from b');
    expect(await a.get('shared-key')).toBe('from a');
    expect(await b.get('shared-key')).toBe('from b');
    await a.delete('shared-key');
    expect(await b.get('shared-key')).toBe('from b');
  });

  // Expiry checks only look after the TTL has passed: a loaded machine may take longer than a short TTL
  // between two calls, so "still there right after set" is asserted on entries with long TTLs instead.
  it('expires entries after a TTL in milliseconds or as a duration object', async () => {
    await a.set('ms', 1, { ttl: 150 });
    await a.set('duration', 2, { ttl: { milliseconds: 150 } });
    await a.set('minute', 3, { ttl: { minutes: 1 } });
    await a.set('forever', 4);
    await sleep(400);
    expect(await a.get('ms')).toBeUndefined();
    expect(await a.get('duration')).toBeUndefined();
    expect(await a.get('minute')).toBe(3);
    expect(await a.get('forever')).toBe(4);
  });

  it('withOptions gives a view with another default TTL on the same entries', async () => {
    const short = a.withOptions({ defaultTtl: { milliseconds: 150 } });
    const long = a.withOptions({ defaultTtl: 60_000 });
    await short.set('short', 'gone soon');
    await short.set('explicit', 'stays', { ttl: { minutes: 5 } });
    await long.set('long', 'stays too');
    await sleep(400);
    expect(await a.get('short')).toBeUndefined();
    expect(await a.get('explicit')).toBe('stays');
    expect(await short.get('long')).toBe('stays too');
  });

  it('rejects values that JSON would change or drop, naming the key, the path and the fix', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [() => 1, /value is a function/],
      [{ when: new Date(0) }, /value\.when is an instance of Date/],
      [new Map(), /value is an instance of Map/],
      [{ list: [1, NaN] }, /value\.list\[1\] is the number NaN/],
      [{ missing: undefined }, /value\.missing is undefined/],
      [BigInt(1), /value is a bigint/],
    ];
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    cases.push([circular, /value\.self is a circular reference/]);
    for (const [value, problem] of cases) {
      const error = await a.set('bad', value as never).catch((e) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toMatch(new RegExp(`^Cache value for key 'bad' of plugin '${ids.a}' is not JSON-serialisable: `));
      expect(error.message).toMatch(problem);
      expect(error.message).toMatch(/store plain objects, arrays/);
    }
    expect(await a.get('bad')).toBeUndefined();
  });

  it('rejects empty keys and bad TTLs', async () => {
    await expect(a.set('', 1)).rejects.toThrow(`Invalid cache key "" for plugin '${ids.a}': use a non-empty string`);
    await expect(a.set('k', 1, { ttl: -5 })).rejects.toThrow(
      "Invalid duration for the ttl of cache key 'k': -5 must be longer than zero; use milliseconds (5000)",
    );
    await expect(a.set('k', 1, { ttl: { fortnights: 1 } as never })).rejects.toThrow(
      /Invalid duration for the ttl of cache key 'k': \{"fortnights":1\} is not a duration/,
    );
    expect(() => a.withOptions({ defaultTtl: 0 })).toThrow('Invalid duration for the cache defaultTtl: 0 must be longer than zero');
  });
}

describe('cache service, memory store', () => {
  sharedBehaviour(() => CacheManager.fromConfig(new ConfigReader({})));

  it('uses backend.cache.defaultTtl and reports bad store config', async () => {
    const manager = CacheManager.fromConfig(new ConfigReader({ backend: { cache: { defaultTtl: { milliseconds: 100 } } } }));
    const cache = manager.forPlugin('p');
    await cache.set('k', 'v');
    await sleep(300);
    expect(await cache.get('k')).toBeUndefined();
    await manager.close();

    expect(() => CacheManager.fromConfig(new ConfigReader({ backend: { cache: { store: 'memcache' } } }))).toThrow(
      "Invalid value for config key 'backend.cache.store': 'memcache' is not supported; use 'memory' or 'redis'",
    );
    expect(() => CacheManager.fromConfig(new ConfigReader({ backend: { cache: { store: 'redis' } } }))).toThrow(
      "Missing config key 'backend.cache.connection': the 'redis' cache store needs a URL such as redis://host:6379",
    );
  });
});

describeWithRedis('cache service, Redis store', () => {
  // These tests are about what the cache stores, not about outages: a Redis answer slowed by a loaded machine beyond
  // the default command timeout (1 s) would count as an outage and turn a read into a miss. Outages are tested below
  // with a short timeout of their own.
  const config = () => new ConfigReader({ backend: { cache: { store: 'redis', connection: redisUrl!, commandTimeout: '20s' } } });
  const namespaces: string[] = [];
  sharedBehaviour(() => CacheManager.fromConfig(config()), namespaces);

  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(redisUrl!);
  });
  afterAll(async () => {
    // The server is shared with other runs: what these tests stored without a TTL would stay there for good.
    for (const namespace of namespaces) {
      const keys = await redis.keys(`${namespace}:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    await redis.quit();
  });

  it('writes plugin-prefixed keys with a Redis expiry, and closes its connection', async () => {
    const pluginId = uniqueName('cache_ns');
    const manager = CacheManager.fromConfig(config());
    const cache = manager.forPlugin(pluginId);
    try {
      await cache.set('greeting', { hello: 'world' }, { ttl: { minutes: 1 } });
      expect(JSON.parse((await redis.get(`${pluginId}:greeting`))!)).toEqual({ hello: 'world' });
      const pttl = await redis.pttl(`${pluginId}:greeting`);
      expect(pttl).toBeGreaterThan(0);
      expect(pttl).toBeLessThanOrEqual(60_000);
      await cache.delete('greeting');
      expect(await redis.exists(`${pluginId}:greeting`)).toBe(0);
    } finally {
      await manager.close();
    }
    await expect(cache.get('greeting')).rejects.toThrow(
      /^Cache get of '.*:greeting' failed on Redis at 127\.0\.0\.1:6379: Connection is closed/,
    );
  });

  function capturingLogger() {
    const lines: Array<{ level: string; message: string }> = [];
    const logger: LoggerService = {
      warn: (message) => lines.push({ level: 'warn', message }),
      info: (message) => lines.push({ level: 'info', message }),
      error: (message) => lines.push({ level: 'error', message }),
      debug() {},
      child: () => logger,
    };
    return { logger, lines };
  }

  it('misses and skips writes when nothing listens on the Redis port, with one warning that names the host, not the password', async () => {
    const { logger, lines } = capturingLogger();
    const manager = CacheManager.fromConfig(
      new ConfigReader({ backend: { cache: { store: 'redis', connection: 'redis://:t0p-secret@127.0.0.1:1' } } }),
      { logger },
    );
    const cache = manager.forPlugin('p');
    try {
      for (let i = 0; i < 20; i++) {
        expect(await cache.get('k')).toBeUndefined();
        await expect(cache.set('k', i)).resolves.toBeUndefined();
        await expect(cache.delete('k')).resolves.toBeUndefined();
      }
    } finally {
      await manager.close();
    }
    const warnings = lines.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^Cache store Redis at 127\.0\.0\.1:1 is unreachable \(.*ECONNREFUSED.*\); cache reads miss and writes are skipped/,
    );
    expect(warnings[0]).not.toContain('t0p-secret');
  });

  it('still reports a wrong command (not an outage) to the caller', async () => {
    const key = uniqueName('wrongtype');
    await redis.rpush(`${key}:k`, 'a list, not a string');
    const manager = CacheManager.fromConfig(config());
    try {
      await expect(manager.forPlugin(key).get('k')).rejects.toThrow(/^Cache get of '.*:k' failed on Redis at .*: WRONGTYPE/);
    } finally {
      await manager.close();
      await redis.del(`${key}:k`);
    }
  });

  it('rides out a network partition: misses within the command timeout, then uses Redis again once it answers', async () => {
    const target = new URL(redisUrl!);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    const { logger, lines } = capturingLogger();
    const connection = `redis://${target.username || ''}${target.password ? `:${target.password}` : ''}${target.username || target.password ? '@' : ''}${proxy.address}`;
    const manager = CacheManager.fromConfig(
      new ConfigReader({ backend: { cache: { store: 'redis', connection, commandTimeout: '300ms', retryInterval: '200ms' } } }),
      { logger },
    );
    const plugin = uniqueName('partition');
    const cache = manager.forPlugin(plugin);
    const warnings = () => lines.filter((l) => l.level === 'warn').map((l) => l.message);
    try {
      // Outside the cut, Redis itself may answer later than the 300 ms timeout on a loaded machine, which the circuit
      // rightly takes for an outage for a moment: wait for the cache to be in use rather than assume it.
      await eventually('the cache in use before the cut', async () => {
        await cache.set('before', 'stored');
        return (await cache.get('before')) === 'stored';
      });
      const warningsBeforeCut = warnings().length;

      proxy.cut();
      // The first call waits for the command timeout at most; it opens the circuit and every later call is at once.
      expect(await cache.get('before')).toBeUndefined();
      await cache.set('during', 'lost');
      expect(await cache.get('before')).toBeUndefined();
      expect(warnings().slice(warningsBeforeCut)).toEqual([expect.stringMatching(/^Cache store Redis at .* is unreachable/)]);
      const warningsOfCut = warnings().length;

      proxy.restore();
      // The background probe closes the circuit once Redis answers through the proxy again.
      const recovered = /^Cache store Redis at 127\.0\.0\.1:\d+ answers again/;
      await eventually('the recovery line', async () => lines.some((l) => recovered.test(l.message)));
      await eventually('the value set before the cut read again', async () => (await cache.get('before')) === 'stored');
      await eventually('a write after the recovery stored', async () => {
        await cache.set('after', 'stored again');
        return (await redis.get(`${plugin}:after`)) === '"stored again"';
      });
      expect(await redis.get(`${plugin}:during`)).toBeNull();
      // The restore itself (the held connections closed) is no new outage; only a slow answer may open it again.
      expect(
        warnings()
          .slice(warningsOfCut)
          .filter((w) => !w.includes('Command timed out')),
      ).toEqual([]);
    } finally {
      await manager.close();
      await proxy.close();
      await redis.del(`${plugin}:before`, `${plugin}:after`);
    }
  });
});
