import { createBackendPlugin } from 'forklift/framework';

export const importedStarted: string[] = [];

/** Loaded with import() by the feature tests: a module whose default export is a plugin. */
export default createBackendPlugin({
  pluginId: 'imported',
  register(env) {
    env.registerInit({
      deps: {},
      async init() {
        importedStarted.push('imported');
      },
    });
  },
});
