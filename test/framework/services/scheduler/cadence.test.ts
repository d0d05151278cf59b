import { claimSlot, firstSlot, parseCadence } from '../../../../framework/services/scheduler/cadence';
import { parseSchedule } from '../../../../framework/services/scheduler/parseSchedule';

const t = (iso: string) => Date.parse(iso);

describe('scheduler cadences', () => {
  it('parses cron, ISO 8601 durations, duration objects and manual triggers', () => {
    expect(parseCadence({ cron: '*/5 * * * *' })).toEqual({ kind: 'cron', expression: '*/5 * * * *' });
    expect(parseCadence('PT1M30S')).toEqual({ kind: 'interval', ms: 90_000, iso: 'PT1M30S' });
    expect(parseCadence({ minutes: 5 })).toEqual({ kind: 'interval', ms: 300_000, iso: 'PT5M' });
    expect(parseCadence({ trigger: 'manual' })).toEqual({ kind: 'manual' });
  });

  it('keeps interval slots on their grid and collapses missed slots into one run', () => {
    const every = parseCadence({ seconds: 10 });
    const s = t('2026-01-01T00:00:00Z');
    expect(claimSlot(every, s, s)).toEqual({ slot: s, next: s + 10_000 });
    expect(claimSlot(every, s, s + 300)).toEqual({ slot: s, next: s + 10_000 }); // a little late: grid unchanged
    expect(claimSlot(every, s, s + 95_000)).toEqual({ slot: s + 90_000, next: s + 100_000 }); // downtime: one run
    expect(firstSlot(every, s, undefined)).toBe(s);
    expect(firstSlot(every, s, 3_000)).toBe(s + 3_000);
  });

  it('follows cron slots in UTC', () => {
    const cron = parseCadence({ cron: '*/5 * * * *' });
    expect(firstSlot(cron, t('2026-01-01T10:02:10Z'), undefined)).toBe(t('2026-01-01T10:05:00Z'));
    expect(firstSlot(cron, t('2026-01-01T10:05:00Z'), undefined)).toBe(t('2026-01-01T10:05:00Z'));
    expect(firstSlot(cron, t('2026-01-01T10:02:10Z'), 5 * 60_000)).toBe(t('2026-01-01T10:10:00Z'));
    expect(claimSlot(cron, t('2026-01-01T10:05:00Z'), t('2026-01-01T10:05:01Z'))).toEqual({
      slot: t('2026-01-01T10:05:00Z'),
      next: t('2026-01-01T10:10:00Z'),
    });
    expect(claimSlot(cron, t('2026-01-01T10:05:00Z'), t('2026-01-01T12:07:00Z'))).toEqual({
      slot: t('2026-01-01T12:05:00Z'),
      next: t('2026-01-01T12:10:00Z'),
    });
    // A manual trigger between slots runs at its own time and leaves the grid alone.
    expect(claimSlot(cron, t('2026-01-01T10:07:30Z'), t('2026-01-01T10:07:30Z'))).toEqual({
      slot: t('2026-01-01T10:07:30Z'),
      next: t('2026-01-01T10:10:00Z'),
    });
    const everySecond = parseCadence({ cron: '* * * * * *' });
    expect(claimSlot(everySecond, t('2026-01-01T10:00:00Z'), t('2026-01-01T10:00:00.400Z')).next).toBe(t('2026-01-01T10:00:01Z'));
  });

  it('never schedules a manual task by itself', () => {
    const manual = parseCadence({ trigger: 'manual' });
    expect(firstSlot(manual, 0, undefined)).toBeNull();
    expect(claimSlot(manual, 5, 7)).toEqual({ slot: 5, next: null });
  });

  it('rejects bad schedules naming the task and the accepted forms', () => {
    const label = "task 'x' of plugin 'p'";
    expect(() => parseSchedule({ frequency: { cron: 'every day' }, timeout: 'PT1M' }, label)).toThrow(
      /^Invalid frequency for task 'x' of plugin 'p': cron expression 'every day' is invalid .*; use \{ cron: '\*\/5 \* \* \* \*' \}, \{ trigger: 'manual' \} or a duration: an ISO 8601 duration \('PT5S'\)/,
    );
    expect(() => parseSchedule({ frequency: 'five minutes', timeout: 'PT1M' }, label)).toThrow(
      /^Invalid frequency for task 'x' of plugin 'p': "five minutes" is not a duration; use \{ cron/,
    );
    expect(() => parseSchedule({ frequency: { fortnights: 2 } as never, timeout: 'PT1M' }, label)).toThrow(
      /^Invalid frequency for task 'x'/,
    );
    expect(() => parseSchedule({ frequency: { seconds: 0 }, timeout: 'PT1M' }, label)).toThrow(/must be longer than zero/);
    expect(() => parseSchedule({ frequency: { trigger: 'sometimes' } as never, timeout: 'PT1M' }, label)).toThrow(
      /unknown trigger "sometimes"/,
    );
    expect(() => parseSchedule({ frequency: 'PT1M' } as never, label)).toThrow("Missing timeout for task 'x' of plugin 'p'");
    expect(() => parseSchedule({ frequency: 'PT1M', timeout: 'soon' }, label)).toThrow(/^Invalid timeout for task 'x' of plugin 'p'/);
    expect(() => parseSchedule({ frequency: 'PT1M', timeout: 'PT1M', scope: 'cluster' as never }, label)).toThrow(
      "Invalid scope for task 'x' of plugin 'p': 'cluster'; use 'global' (one instance runs each slot) or 'local' (every instance)",
    );
  });

  it('describes the schedule in its settings', () => {
    expect(
      parseSchedule({ frequency: { minutes: 5 }, timeout: { seconds: 30 }, initialDelay: 'PT10S', scope: 'local' }, 'x'),
    ).toMatchObject({
      scope: 'local',
      timeoutMs: 30_000,
      initialDelayMs: 10_000,
      settings: { version: 1, cadence: 'PT5M', timeoutAfterDuration: 'PT30S', initialDelayDuration: 'PT10S' },
    });
    expect(parseSchedule({ frequency: { cron: '0 * * * *' }, timeout: 'PT1M' }, 'x').scope).toBe('global');
  });
});
