import { ErrorCodes, ForkliftBackendError, messageOf } from '../../framework/wiring';

/** A legacy plugin could not be started; names the plugin, the file it came from and the cause. */
export class LegacyPluginError extends ForkliftBackendError {
  constructor(
    readonly pluginId: string,
    readonly origin: string,
    what: string,
    cause?: unknown,
  ) {
    const reason = cause === undefined ? '' : `: ${messageOf(cause)}`;
    super(ErrorCodes.FORKLIFT_LEGACY_PLUGIN_FAILED, `Legacy plugin '${pluginId}' (${origin}) failed to start, ${what}${reason}`, cause);
    this.name = 'LegacyPluginError';
  }
}

/**
 * Where a legacy plugin module came from. `import()` promises carry no path, so look the loaded module up in
 * the CommonJS cache, then fall back to the function's source position.
 */
export function describeModuleOrigin(loaded: unknown, fn?: { name: string }, thrown?: unknown): string {
  const cache = typeof require !== 'undefined' ? require.cache : undefined;
  if (cache && loaded && typeof loaded === 'object') {
    for (const entry of Object.values(cache)) {
      if (entry && (entry.exports === loaded || entry.exports === (loaded as { default?: unknown }).default)) {
        return entry.filename;
      }
    }
  }
  // Test runners and ESM keep their own module registries: the thrower's own stack still names the file.
  const stack = thrown instanceof Error ? (thrown.stack ?? '') : '';
  for (const line of stack.split('\n').slice(1)) {
    const file = line.match(/\(?((?:file:\/\/)?\/[^():]+):\d+:\d+\)?\s*$/)?.[1];
    if (file && !file.includes('/node_modules/') && !file.includes('/legacy-bridge/')) {
      return fn?.name ? `${file}, function ${fn.name}` : file;
    }
  }
  if (fn?.name) {
    return `function ${fn.name}`;
  }
  return 'unknown file';
}
