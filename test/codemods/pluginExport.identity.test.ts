/** plugin-export: the plugin id and export name it derives from the package. */
import { pluginConstName, pluginIdFor } from '../../codemods/transforms/pluginExport/pluginIdentity';
import { contextOf } from './support/pluginExportEntry';

describe('plugin ids and names', () => {
  const ctx = (mounted: Record<string, string> = {}) => contextOf({}, { facts: { packages: [], pluginIdsByPackage: mounted } });

  it('strips scope, plugin- prefix and -backend suffix from the package name', () => {
    const id = (name: string) => pluginIdFor({ name, dir: '', dependencies: [] }, ctx());
    expect(id('@internal/plugin-todo-backend')).toBe('todo');
    expect(id('@roadiehq/backstage-plugin-aws-backend')).toBe('aws');
    expect(id('plugin-tech-insights-backend')).toBe('tech-insights');
    expect(id('jenkins-backend')).toBe('jenkins');
  });

  it('prefers the id the repository backend mounts the package under', () => {
    expect(
      pluginIdFor({ name: '@acme/plugin-k8s-backend', dir: '', dependencies: [] }, ctx({ '@acme/plugin-k8s-backend': 'kubernetes' })),
    ).toBe('kubernetes');
  });

  it('names the export after the id in camel case', () => {
    expect(pluginConstName('tech-insights')).toBe('techInsightsPlugin');
    expect(pluginConstName('todo')).toBe('todoPlugin');
  });
});
