/** Loads the transforms from a module path, so worker threads and the main thread get the very same list. */
import path from 'node:path';
import { selectTransforms } from '../transforms';
import type { Transform } from '../transforms/types';
import { UsageError } from './errors';
import { ErrorCodes, messageOf } from '../../framework/wiring';

/** The registry module; `require` resolves it to the .ts source or the built .js alike. */
export const DEFAULT_TRANSFORMS_MODULE = path.join(__dirname, '..', 'transforms', 'index');

export function loadTransforms(modulePath: string | undefined, only?: string[]): Transform[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module path is chosen by the caller at run time
  const loaded = require(modulePath ?? DEFAULT_TRANSFORMS_MODULE) as {
    allTransforms?: Transform[];
    transforms?: Transform[];
    default?: Transform[];
  };
  const list = loaded.allTransforms ?? loaded.transforms ?? loaded.default;
  if (!Array.isArray(list)) {
    throw new UsageError(
      ErrorCodes.FORKLIFT_TRANSFORMS_MODULE,
      `${modulePath} exports no transform list: export \`allTransforms\` (or \`transforms\`) as an array of Transform`,
    );
  }
  try {
    return selectTransforms(only, list);
  } catch (error) {
    throw new UsageError(ErrorCodes.FORKLIFT_UNKNOWN_TRANSFORM, messageOf(error));
  }
}
