import { isStandardJsonSchema, isZodV3Schema } from './jsonSchema';

export type ParseResult = { success: true; data: unknown } | { success: false; problems: string };

/**
 * Checks `value` against a zod 3 or Standard Schema and returns the parsed value (zod strips unknown keys) or
 * the problems in one line, each as `path: message` so the caller's error names the field to fix.
 */
export function parseWithSchema(schema: unknown, value: unknown): ParseResult {
  if (isZodV3Schema(schema)) {
    const result = schema.safeParse(value);
    if (result.success) return { success: true, data: result.data };
    return { success: false, problems: formatIssues(result.error.issues) };
  }
  if (isStandardJsonSchema(schema)) {
    const result = schema['~standard'].validate(value);
    if (typeof (result as PromiseLike<unknown>).then === 'function') {
      throw new TypeError('asynchronous schemas are not supported here; use a schema that validates synchronously');
    }
    const { issues, value: parsed } = result as { value?: unknown; issues?: Array<{ message: string; path?: unknown[] }> };
    if (issues) return { success: false, problems: formatIssues(issues) };
    return { success: true, data: parsed };
  }
  throw new TypeError('cannot validate against this schema; use a zod schema (zod 3, or zod 4 with Standard Schema)');
}

function formatIssues(issues: ReadonlyArray<{ message: string; path?: ReadonlyArray<unknown> }>): string {
  return issues
    .map((issue) => {
      const path = (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? (segment as { key: unknown }).key : segment));
      return path.length > 0 ? `${path.join('.')}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
