export { isConvertibleSchema, toJsonSchema, type JsonSchema } from './jsonSchema';
export { parseWithSchema, type ParseResult } from './parseWithSchema';
