/** How error messages name the one who asked for something and a value that was not what was expected. */

/** Who asked for something: a plugin, a module, a service factory or a feature loader. */
export type Consumer =
  | { kind: 'plugin'; pluginId: string }
  | { kind: 'module'; pluginId: string; moduleId: string }
  | { kind: 'service'; ref: string }
  | { kind: 'loader'; description: string };

export function describeConsumer(consumer: Consumer): string {
  switch (consumer.kind) {
    case 'plugin':
      return `plugin '${consumer.pluginId}'`;
    case 'module':
      return `module '${consumer.moduleId}' of plugin '${consumer.pluginId}'`;
    case 'service':
      return `the service factory for ${consumer.ref}`;
    case 'loader':
      return consumer.description;
  }
}

/** A short description of a value that is not what was expected, for the message that rejects it. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `a function${value.name ? ` '${value.name}'` : ''}`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).slice(0, 5);
    return `an object with keys [${keys.join(', ')}]`;
  }
  return `${typeof value} ${JSON.stringify(value)}`;
}
