import type { JsonObject, JsonValue } from '../../api';

/** One source of configuration: its data and where it came from (a file name, an env var, ...). */
export interface ConfigLayer {
  data: JsonObject;
  /** Shown in error messages; undefined when the source has no useful name. */
  context?: string;
}

export function isObject(value: unknown): value is JsonObject {
  // The tag check (not a prototype check) also accepts objects from other realms, e.g. jest's vm contexts,
  // while still refusing Dates, Maps, Sets and typed arrays that YAML tags can produce.
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.prototype.toString.call(value) === '[object Object]'
  );
}

/** Sets an own property, also for keys such as `__proto__` that plain assignment would misread. */
export function setOwn(target: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The layers seen below `key`, ordered lowest to highest priority. A higher layer that holds a
 * non-object (or null) at `key` hides everything beneath it, just as a deep merge would.
 */
export function descendLayers(layers: ConfigLayer[], key: string): ConfigLayer[] {
  const below: ConfigLayer[] = [];
  for (let i = layers.length - 1; i >= 0; i--) {
    const value = own(layers[i].data, key);
    if (value === undefined) continue;
    if (!isObject(value)) break;
    below.unshift({ data: value, context: layers[i].context });
  }
  return below;
}

/** The highest-priority value at `key` and the layer it came from; null counts as "explicitly unset". */
export function readLayers(layers: ConfigLayer[], key: string): { value: JsonValue; context?: string } | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    const value = own(layers[i].data, key);
    if (value === undefined) continue;
    if (value === null) return undefined;
    if (isObject(value)) {
      return { value: mergeValues(descendLayers(layers, key).map((l) => l.data)), context: layers[i].context };
    }
    return { value, context: layers[i].context };
  }
  return undefined;
}

/**
 * Deep merge, later wins: objects merge key by key, arrays and scalars replace, null removes.
 * Always returns fresh objects and arrays so callers cannot mutate a source.
 */
export function mergeValues(values: JsonValue[]): JsonObject {
  const out: JsonObject = {};
  for (const value of values) {
    if (!isObject(value)) continue;
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      if (v === null) {
        delete out[k];
      } else if (isObject(v)) {
        const prev = out[k];
        setOwn(out, k, isObject(prev) ? mergeValues([prev, v]) : mergeValues([v]));
      } else {
        setOwn(out, k, cloneValue(v));
      }
    }
  }
  return out;
}

function cloneValue(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(cloneValue);
  if (isObject(value)) return mergeValues([value]);
  return value;
}

/** Reads only own properties, so `toString` or `constructor` never resolve to Object.prototype's. */
function own(data: JsonObject, key: string): JsonValue | undefined {
  return Object.prototype.hasOwnProperty.call(data, key) ? data[key] : undefined;
}
