import { z } from 'zod/v3';
import { zodToJsonSchema } from 'zod-to-json-schema';

/** A JSON Schema document (draft-07), as the actions listing and the permissions metadata route serve them. */
export type JsonSchema = Record<string, unknown>;

interface StandardIssue {
  message: string;
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
}

/** A schema that implements Standard Schema with its JSON Schema extension (zod 4, and other libraries). */
interface StandardJsonSchema {
  '~standard': {
    validate(value: unknown): { value?: unknown; issues?: readonly StandardIssue[] } | PromiseLike<unknown>;
    jsonSchema: { input(options: { target: string }): JsonSchema };
  };
}

export function isStandardJsonSchema(schema: unknown): schema is StandardJsonSchema {
  const standard = (schema as { '~standard'?: Partial<StandardJsonSchema['~standard']> } | null)?.['~standard'];
  return typeof standard?.validate === 'function' && typeof standard.jsonSchema?.input === 'function';
}

/** A zod 3 schema (also what `zod/v3` of zod 4 builds): converted with zod-to-json-schema, as Backstage does. */
export function isZodV3Schema(schema: unknown): schema is z.ZodTypeAny {
  const candidate = schema as { _def?: unknown; _parse?: unknown; safeParse?: unknown } | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    '_def' in candidate &&
    typeof candidate._parse === 'function' &&
    typeof candidate.safeParse === 'function'
  );
}

/** Whether {@link toJsonSchema} can describe `schema`: absent, Standard JSON Schema, or zod 3. */
export function isConvertibleSchema(schema: unknown): boolean {
  return schema === undefined || isStandardJsonSchema(schema) || isZodV3Schema(schema);
}

/**
 * The JSON Schema of a validation schema. Standard JSON Schema comes first (its own draft-07 rendering), then
 * zod 3; no schema at all is described as an empty object, which is what Backstage lists for it.
 */
export function toJsonSchema(schema: unknown): JsonSchema {
  if (isStandardJsonSchema(schema)) return schema['~standard'].jsonSchema.input({ target: 'draft-07' });
  if (isZodV3Schema(schema)) return zodToJsonSchema(schema) as JsonSchema;
  if (schema === undefined) return zodToJsonSchema(z.object({})) as JsonSchema;
  throw new TypeError(
    `cannot describe a schema of type ${describe(schema)} as JSON Schema; use a zod schema (zod 3, or zod 4 with Standard JSON Schema)`,
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return value.constructor?.name ?? 'object';
}
