import { ConfigReader } from '../../../../framework/services/rootConfig';
import { durationToMs, readDurationMs } from '../../../../framework/services/durations';

describe('durations in config', () => {
  it.each([
    [2500, 2500],
    ['500ms', 500],
    ['5s', 5000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['PT1M30S', 90_000],
    [{ seconds: 3 }, 3000],
    [{ minutes: 1, milliseconds: 5 }, 60_005],
  ])('reads %j as %i ms', (value, ms) => {
    expect(durationToMs(value, 'x')).toBe(ms);
  });

  it('uses the default when the key is missing and names the key when the value is wrong', () => {
    const config = new ConfigReader({ backend: { lifecycle: { serverShutdownTimeout: 'soon' } } });
    expect(readDurationMs(config, 'backend.lifecycle.startupRequestPauseTimeout', 5000)).toBe(5000);
    expect(() => readDurationMs(config, 'backend.lifecycle.serverShutdownTimeout', 1)).toThrow(
      `Invalid duration for config key 'backend.lifecycle.serverShutdownTimeout': got "soon"; use milliseconds (5000), an object ({ seconds: 5 }), ISO 8601 ('PT5S') or '5s'`,
    );
    expect(() => durationToMs({ fortnights: 1 }, 'x')).toThrow('Invalid duration for x');
    expect(() => durationToMs(-1, 'x')).toThrow('Invalid duration for x');
  });
});
