import { ConflictError } from '../../../../framework/api';
import { describeWithPostgres } from '../../../support/realServices';
import { expectSlotsKept, pgCluster, sleep, until } from './pgCluster';

describeWithPostgres('scheduler instances sharing PostgreSQL: crashes, local tasks, manual triggers', () => {
  it("resumes after a crashed worker's lock expires, without losing a tick after its timeout", async () => {
    const cluster = pgCluster();
    let releaseCrashed!: () => void;
    const crashedRun = new Promise<void>((resolve) => (releaseCrashed = resolve));
    try {
      const crashing = cluster.start('crashing', { shutdownTimeoutMs: 50 });
      const healthy = ['a', 'b'].map((name) => cluster.start(name));
      const timeoutMs = 1500;
      const fnFor = (name: string) => async () => {
        // The crashing instance hangs in its first run and ignores every abort, like a process that died.
        if (name === 'crashing') return crashedRun;
      };
      // Only the crashing instance schedules first, so it takes the first slot.
      await crashing.scheduler.scheduleTask({ id: 'tick', frequency: 'PT1S', timeout: { milliseconds: timeoutMs }, fn: fnFor('crashing') });
      await until(() => cluster.runs('tick').length === 1, 'the crashing run');
      const crashedAt = cluster.runs('tick')[0].startedAt;
      await crashing.scheduler.stop(); // gives up after 50 ms: its claim stays in the table, as after a crash
      await Promise.all(
        healthy.map((i) =>
          i.scheduler.scheduleTask({ id: 'tick', frequency: 'PT1S', timeout: { milliseconds: timeoutMs }, fn: fnFor(i.name) }),
        ),
      );
      await until(() => cluster.runs('tick').length >= 4, 'three ticks after the crash');
      await Promise.all(healthy.map((i) => i.scheduler.stop()));

      const after = cluster.runs('tick').slice(1);
      expect(after.every((r) => r.instance !== 'crashing')).toBe(true);
      // Nothing ran while the crashed claim held the task (the slack covers the claim's own round trip).
      expect(after[0].startedAt - crashedAt).toBeGreaterThanOrEqual(timeoutMs - 250);
      // Then the slot that fell due during the crash was not lost: the first claim after the expiry stands for
      // the latest slot due when it looked, and so does every run after it, once each.
      expectSlotsKept(cluster.runs('tick'), 1000);
    } finally {
      // Ends the hung run even when an assertion failed, so its claim watcher does not keep jest alive.
      releaseCrashed();
      await sleep(50);
      await cluster.teardown();
    }
  });

  it('skips the slots every instance missed while stalled, then runs the latest one once', async () => {
    const cluster = pgCluster();
    try {
      const instances = ['a', 'b'].map((name) => cluster.start(name));
      await Promise.all(
        instances.map((i) => i.scheduler.scheduleTask({ id: 'tick', frequency: 'PT1S', timeout: 'PT5S', fn: async () => {} })),
      );
      await until(() => cluster.runs('tick').length === 2, 'two ticks');
      // Both instances live in this process: blocking it for over two periods means nobody looks at the task
      // during the slot after the last run.
      const blockedUntil = Date.now() + 2500;
      while (Date.now() < blockedUntil);
      await until(() => cluster.runs('tick').length >= 4, 'two ticks after the stall');
      await Promise.all(instances.map((i) => i.scheduler.stop()));

      const runs = cluster.runs('tick');
      const { skipped } = expectSlotsKept(runs, 1000);
      expect(skipped).toBeGreaterThanOrEqual(1);
      // The missed slots collapsed into one run, not a burst of catch-up runs.
      expect(runs[2].slot - runs[1].slot).toBe((skipped + 1) * 1000);
    } finally {
      await cluster.teardown();
    }
  });

  it('runs local tasks in every instance and a triggered global task in exactly one', async () => {
    const cluster = pgCluster();
    try {
      const instances = ['one', 'two', 'three'].map((name) => cluster.start(name));
      const local = new Map<string, number>();
      let manualRuns = 0;
      let finishManual!: () => void;
      for (const instance of instances) {
        await instance.scheduler.scheduleTask({
          id: 'cleanup',
          scope: 'local',
          frequency: { milliseconds: 200 },
          timeout: 'PT5S',
          fn: () => void local.set(instance.name, (local.get(instance.name) ?? 0) + 1),
        });
        await instance.scheduler.scheduleTask({
          id: 'reindex',
          frequency: { trigger: 'manual' },
          timeout: 'PT5S',
          fn: () => {
            manualRuns++;
            return new Promise<void>((resolve) => (finishManual = resolve));
          },
        });
      }
      await until(() => instances.every((i) => (local.get(i.name) ?? 0) >= 2), 'two local runs in each instance');

      await sleep(300);
      expect(manualRuns).toBe(0);
      await instances[0].scheduler.triggerTask('reindex');
      await until(() => manualRuns === 1, 'the triggered run');
      // While it runs anywhere, no instance may trigger it again.
      await expect(instances[2].scheduler.triggerTask('reindex')).rejects.toThrow(ConflictError);
      await sleep(400);
      expect(manualRuns).toBe(1);
      finishManual();
      const descriptors = await instances[1].scheduler.getScheduledTasks();
      expect(descriptors.map((d) => [d.id, d.scope, d.settings.cadence])).toEqual([
        ['cleanup', 'local', 'PT0.2S'],
        ['reindex', 'global', 'manual'],
      ]);
    } finally {
      await cluster.teardown();
    }
  });
});
