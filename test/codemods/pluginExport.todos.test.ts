/** plugin-export: the TODOs of the new plugin file point at something the reader can find. */
import { MANIFEST, applyEntry, created } from './support/pluginExportEntry';

describe('TODOs that point somewhere', () => {
  it('does not send the reader to "the services above" when the deps hold none', () => {
    const router = `import express from 'express';
import { TodoStore } from './store';

export interface RouterOptions {
  store: TodoStore;
}

export async function createRouter(options: RouterOptions): Promise<express.Router> {
  return express.Router();
}
`;
    const result = applyEntry({
      'package.json': MANIFEST('@acme/plugin-todo-backend'),
      'src/index.ts': "export * from './service/router';\n",
      'src/service/router.ts': router,
    });
    const source = created(result);
    expect(source).not.toContain('build it from the services above');
    expect(result.manualSteps).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('add the core services it is built from to deps (or give it a service ref with a defaultFactory)'),
      }),
    ]);
  });
});
