import type { JsonObject, RootConfigService } from '../../../../framework/api';
import { ConfigReader } from '../../../../framework/services/rootConfig';

const METHODS = [
  'has',
  'keys',
  'get',
  'getOptional',
  'getConfig',
  'getOptionalConfig',
  'getConfigArray',
  'getOptionalConfigArray',
  'getNumber',
  'getOptionalNumber',
  'getBoolean',
  'getOptionalBoolean',
  'getString',
  'getOptionalString',
  'getStringArray',
  'getOptionalStringArray',
] as const;

/**
 * A root config whose data the test can replace, telling subscribers, as a file-watching config would.
 * Every read goes to a ConfigReader over the current data.
 */
export function mutableConfig(initial: JsonObject): RootConfigService & { set(data: JsonObject): void } {
  let reader = new ConfigReader(initial);
  const listeners = new Set<() => void>();
  const config: Record<string, unknown> = {
    set(data: JsonObject) {
      reader = new ConfigReader(data);
      listeners.forEach((listener) => listener());
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return { unsubscribe: () => listeners.delete(listener) };
    },
  };
  for (const method of METHODS) {
    config[method] = (...args: unknown[]) => (reader[method] as (...a: unknown[]) => unknown).apply(reader, args);
  }
  return config as unknown as RootConfigService & { set(data: JsonObject): void };
}
