/** `forklift plan` on the shared adopt repository: each plugin id's state and what blocks each bridged plugin. */
import { runCli } from './support/cli';
import { useAdoptRepo } from './support/adoptRepo';

const repo = useAdoptRepo();

describe('forklift plan', () => {
  test('one line per plugin id with its state, and what blocks each bridged plugin', async () => {
    const plugins = await repo.planOf();
    const byId = Object.fromEntries(plugins.map((p) => [p.id, p]));
    expect(Object.fromEntries(plugins.map((p) => [p.id, p.status]))).toEqual({
      search: 'legacy',
      todo: 'ready',
      catalog: 'native',
      settings: 'bridged',
      extra: 'bridged',
      custom: 'bridged',
      effects: 'bridged',
      options: 'bridged',
      inventory: 'bridged',
      nonative: 'bridged',
    });
    const kinds = (id: string) => byId[id].blockers.map((b) => b.kind).sort();
    expect(kinds('todo')).toEqual([]);
    expect(kinds('settings')).toEqual(['id-mismatch']);
    expect(byId.settings.blockers[0].message).toContain("has id 'app-settings' but the bridge serves it as 'settings'");
    expect(kinds('extra')).toEqual(['extra-arguments']);
    expect(kinds('custom')).toEqual(['custom-env-fields', 'options']);
    expect(byId.custom.blockers.find((b) => b.kind === 'custom-env-fields')!.message).toContain('`inventoryClient`');
    expect(kinds('effects')).toEqual(['side-effects', 'side-effects']);
    expect(kinds('options')).toEqual(['options']);
    expect(byId.options.blockers[0].message).toContain('the `enabled` option (`true`) would be lost');
    expect(kinds('inventory')).toEqual(['modules-needed']);
    expect(byId.inventory.blockers[0].message).toContain(
      'catalogModuleStockProcessor (packages/backend/src/modules/catalogModuleStockProcessor.ts)',
    );
    expect(kinds('nonative')).toEqual(['no-native-plugin']);

    const human = await runCli(['plan', repo.dir]);
    expect(human.stdout).toMatch(/ready {4}todo {2}@acme\/plugin-todo-backend .*forklift adopt todo/);
    expect(human.stdout).toContain('blocked: id-mismatch:');
  });
});
