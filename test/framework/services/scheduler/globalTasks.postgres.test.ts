import { describeWithPostgres } from '../../../support/realServices';
import { expectSlotsKept, pgCluster, until } from './pgCluster';

describeWithPostgres('global tasks across three backend instances on PostgreSQL', () => {
  it('runs a task every second exactly once per slot, and keeps going when an instance stops mid-run', async () => {
    const cluster = pgCluster();
    try {
      const ran: Array<{ instance: string }> = [];
      const running = new Set<string>();
      const instances = ['one', 'two', 'three'].map((name) => cluster.start(name));
      await Promise.all(
        instances.map((instance) =>
          instance.scheduler.scheduleTask({
            id: 'tick',
            frequency: { cron: '* * * * * *' },
            timeout: { seconds: 5 },
            fn: async (signal) => {
              ran.push({ instance: instance.name });
              running.add(instance.name);
              await new Promise<void>((resolve) => {
                const timer = setTimeout(resolve, 300);
                signal.addEventListener('abort', () => {
                  clearTimeout(timer);
                  resolve();
                });
              });
              running.delete(instance.name);
            },
          }),
        ),
      );
      await until(() => cluster.runs('tick').length >= 2, 'two ticks');

      // Stop whichever instance is running the task right now.
      await until(() => running.size === 1, 'a running tick');
      const [busy] = [...running];
      await cluster.stop(instances.find((i) => i.name === busy)!);
      const stoppedAt = cluster.runs('tick').length;
      await until(() => cluster.runs('tick').length >= stoppedAt + 3, 'three more ticks on the remaining instances');
      await Promise.all(instances.filter((i) => i.name !== busy).map((i) => i.scheduler.stop()));

      const runs = cluster.runs('tick');
      // No slot ran twice, and each run stood for the latest slot due when an instance claimed it.
      expectSlotsKept(runs, 1000);
      expect(ran).toHaveLength(runs.length);
      expect(runs.slice(stoppedAt).every((r) => r.instance !== busy)).toBe(true);
    } finally {
      await cluster.teardown();
    }
  });
});
