import { Duration } from 'luxon';
import type { JsonValue } from 'forklift/framework';
import { ConfigReader } from '../../../../framework/services/rootConfig';
import { CacheManager } from '../../../../framework/services/cache';
import { parseSchedule } from '../../../../framework/services/scheduler/parseSchedule';
import { durationToMs, readDurationMs } from '../../../../framework/services/durations';

/**
 * One duration rule: the scheduler (schedules and its config keys), the cache TTL and the lifecycle settings
 * accept the same forms and mean the same milliseconds by them.
 */
const FORMS: Array<[string, JsonValue, number]> = [
  ['milliseconds short form', '500ms', 500],
  ['seconds short form', '5s', 5000],
  ['fractional seconds', '1.5s', 1500],
  ['minutes short form', '2m', 120_000],
  ['hours short form', '1h', 3_600_000],
  ['days short form', '1d', 86_400_000],
  ['ISO 8601', 'PT5S', 5000],
  ['ISO 8601 compound', 'PT1M30S', 90_000],
  ['duration object', { seconds: 5 }, 5000],
  ['compound duration object', { minutes: 1, milliseconds: 5 }, 60_005],
];

const label = "task 'refresh' of plugin 'catalog'";
const lifecycle = (value: JsonValue) =>
  readDurationMs(
    new ConfigReader({ backend: { lifecycle: { serverShutdownTimeout: value } } }),
    'backend.lifecycle.serverShutdownTimeout',
    1,
    {
      allowZero: true,
    },
  );
const schedulerConfig = (value: JsonValue) =>
  readDurationMs(new ConfigReader({ backend: { scheduler: { pollingInterval: value } } }), 'backend.scheduler.pollingInterval', 1);
const cacheConfig = (value: JsonValue) => CacheManager.fromConfig(new ConfigReader({ backend: { cache: { defaultTtl: value } } }));

describe('one duration rule for the scheduler, the cache TTL and the lifecycle settings', () => {
  it.each(FORMS)('%s: %j is %i ms everywhere', async (_name, value, ms) => {
    const schedule = parseSchedule({ frequency: value as string, timeout: value as string, initialDelay: value as string }, label);
    expect(schedule.cadence).toEqual({ kind: 'interval', ms, iso: expect.stringMatching(/^P/) });
    expect(schedule.timeoutMs).toBe(ms);
    expect(schedule.initialDelayMs).toBe(ms);
    expect(schedulerConfig(value)).toBe(ms);

    expect(durationToMs(value, 'a ttl', { numbersAreMilliseconds: true })).toBe(ms);
    const cache = cacheConfig(value).forPlugin('catalog');
    await cache.set('entity', { kind: 'Component' }, { ttl: value as string });
    await expect(cache.withOptions({ defaultTtl: value as string }).get('entity')).resolves.toEqual({ kind: 'Component' });

    expect(lifecycle(value)).toBe(ms);
  });

  it('takes luxon Durations in code, as Backstage-typed schedules pass them', async () => {
    const twoMinutes = Duration.fromObject({ minutes: 2 });
    const schedule = parseSchedule({ frequency: twoMinutes as never, timeout: twoMinutes as never }, label);
    expect([schedule.cadence, schedule.timeoutMs]).toEqual([{ kind: 'interval', ms: 120_000, iso: 'PT2M' }, 120_000]);
    await expect(
      cacheConfig(1000)
        .forPlugin('catalog')
        .set('k', 1, { ttl: twoMinutes as never }),
    ).resolves.toBeUndefined();
  });

  it('reports the schedule in ISO 8601 whatever form it was written in', () => {
    expect(parseSchedule({ frequency: '5s', timeout: { minutes: 10 } }, label).settings).toEqual({
      version: 1,
      cadence: 'PT5S',
      timeoutAfterDuration: 'PT10M',
    });
  });

  it('takes a bare number as milliseconds only where the setting says so', async () => {
    expect(schedulerConfig(2500)).toBe(2500);
    expect(lifecycle(2500)).toBe(2500);
    await expect(cacheConfig(60_000).forPlugin('catalog').set('k', 1, { ttl: 2500 })).resolves.toBeUndefined();
    // A schedule says nothing about units: a number there is refused rather than guessed.
    expect(() => parseSchedule({ frequency: 5000 as unknown as string, timeout: 'PT1M' }, label)).toThrow(
      /^Invalid frequency for task 'refresh' of plugin 'catalog': 5000 is not a duration; use \{ cron/,
    );
  });

  it.each([['soon'], ['5 parsecs'], [{ fortnights: 1 }], [-1], ['-5s'], [[5]]])(
    'refuses %j everywhere, naming the setting',
    async (value) => {
      expect(() => parseSchedule({ frequency: 'PT1M', timeout: value as string }, label)).toThrow(
        /^Invalid timeout for task 'refresh' of plugin 'catalog': .* use an ISO 8601 duration \('PT5S'\), a short string/,
      );
      expect(() => schedulerConfig(value)).toThrow(/^Invalid duration for config key 'backend.scheduler.pollingInterval': /);
      expect(() => cacheConfig(value)).toThrow(/^Invalid duration for config key 'backend.cache.defaultTtl': /);
      await expect(
        cacheConfig(1000)
          .forPlugin('catalog')
          .set('k', 1, { ttl: value as string }),
      ).rejects.toThrow(/^Invalid duration for the ttl of cache key 'k': /);
      expect(() => lifecycle(value)).toThrow(
        /^Invalid duration for config key 'backend.lifecycle.serverShutdownTimeout': .* use milliseconds \(5000\), an ISO 8601 duration/,
      );
    },
  );

  it('allows zero only where it means something (no pause, no grace period)', () => {
    expect(lifecycle(0)).toBe(0);
    expect(lifecycle('0s')).toBe(0);
    expect(() => schedulerConfig('0s')).toThrow(
      'Invalid duration for config key \'backend.scheduler.pollingInterval\': "0s" must be longer than zero',
    );
    expect(() => parseSchedule({ frequency: { seconds: 0 }, timeout: 'PT1M' }, label)).toThrow(/must be longer than zero/);
    expect(() => cacheConfig(0)).toThrow(/must be longer than zero/);
  });

  it('uses the default when a config key is not set', () => {
    expect(readDurationMs(new ConfigReader({}), 'backend.lifecycle.startupRequestPauseTimeout', 5000)).toBe(5000);
  });
});
