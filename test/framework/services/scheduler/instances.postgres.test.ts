import { ConflictError } from '../../../../framework/api';
import { describeWithPostgres } from '../../../support/realServices';
import { consecutive, pgCluster, relativeSeconds, sleep, until } from './pgCluster';

describeWithPostgres('scheduler instances sharing PostgreSQL: crashes, local tasks, manual triggers', () => {
  it("resumes after a crashed worker's lock expires, without losing a tick after its timeout", async () => {
    const cluster = pgCluster();
    try {
      let releaseCrashed!: () => void;
      const crashedRun = new Promise<void>((resolve) => (releaseCrashed = resolve));
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
      // Nothing ran while the crashed claim held the task (the slack covers the claim's own round trip),
      // then every tick ran exactly once.
      expect(after[0].startedAt - crashedAt).toBeGreaterThanOrEqual(timeoutMs - 250);
      expect(relativeSeconds(after.map((r) => r.slot))).toEqual(consecutive(0, after.length));
      releaseCrashed();
      await sleep(50);
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
