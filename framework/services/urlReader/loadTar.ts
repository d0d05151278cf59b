/**
 * `tar` takes about 50 ms to load: it is loaded by the first readTree that needs it (an archive to read or to
 * make), not at import, since most backends never call readTree.
 */
export function loadTar(): typeof import('tar') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at import (startup cost)
  return require('tar');
}
