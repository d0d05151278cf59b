import { ConflictError } from '../../../../framework/api';
import { describeWithPostgres } from '../../../support/realServices';
import { pgCluster, sleep, until } from './pgCluster';

describeWithPostgres('scheduler.cancelTask across instances sharing PostgreSQL', () => {
  it('cancels a global run from an instance that is not running it', async () => {
    const cluster = pgCluster();
    try {
      const instances = ['one', 'two'].map((name) => cluster.start(name));
      const runs: Array<{ instance: string; reason: Promise<string> }> = [];
      for (const instance of instances) {
        await instance.scheduler.scheduleTask({
          id: 'export',
          frequency: { trigger: 'manual' },
          timeout: { minutes: 5 },
          fn: (signal) => {
            const reason = new Promise<string>((resolve) =>
              signal.addEventListener('abort', () => resolve(`${signal.reason.name}: ${signal.reason.message}`)),
            );
            runs.push({ instance: instance.name, reason });
            return reason.then(() => undefined);
          },
        });
      }
      await instances[0].scheduler.triggerTask('export');
      await until(() => runs.length === 1, 'the triggered run');
      const runner = runs[0].instance;
      const other = instances.find((i) => i.name !== runner)!;

      await other.scheduler.cancelTask('export');
      // The running instance notices at its next look at the row (polling every 200 ms here).
      expect(await runs[0].reason).toBe("AbortError: Task 'export' was cancelled");
      expect(cluster.lines.map((l) => `${l.meta.instance}: ${l.message}`)).toContain(
        `${runner}: Task 'export' lost its claim (cancelled, possibly in another instance); aborting its run here`,
      );
      await expect(other.scheduler.cancelTask('export')).rejects.toThrow(ConflictError);

      // Manual task: nothing runs until the next trigger, which works at once from either instance.
      await sleep(400);
      expect(runs).toHaveLength(1);
      await other.scheduler.triggerTask('export');
      await until(() => runs.length === 2, 'the next triggered run');
    } finally {
      await cluster.teardown();
    }
  });
});
