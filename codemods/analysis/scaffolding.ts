/**
 * Scaffolding: code that other tools copy into new projects (a `templates/` folder, a `backstage.role: cli`
 * package such as a create-app). It looks like a legacy backend or plugin, but migrating it would change
 * what new projects get, not this repository's backend. Every transform leaves it alone: the runner sets
 * such files aside before any transform sees them, and the analysis learns no mounts from them.
 */
import type { PackageFacts } from '../transforms/types';

export const SCAFFOLDING_MESSAGE =
  'a template (under a templates/ folder, or in a backstage.role: cli package) that other tools copy into new projects; never rewritten';

const UNDER_TEMPLATES = /(^|\/)templates\//;

/** The deepest package holding `file` (a path relative to the root). */
function ownerOf(file: string, packages: readonly Pick<PackageFacts, 'dir' | 'role'>[]) {
  let owner: Pick<PackageFacts, 'dir' | 'role'> | undefined;
  for (const pkg of packages) {
    if (pkg.dir !== '' && !file.startsWith(`${pkg.dir}/`)) continue;
    if (!owner || pkg.dir.length > owner.dir.length) owner = pkg;
  }
  return owner;
}

/** True for a file under a `templates/` folder or in a `cli` package. */
export function isScaffolding(file: string, packages: readonly Pick<PackageFacts, 'dir' | 'role'>[]): boolean {
  return UNDER_TEMPLATES.test(file) || ownerOf(file, packages)?.role === 'cli';
}
