/**
 * Published packages whose entry already exports a new-system plugin as `default`. Used only when the
 * package's code is not in the repository to be read.
 */
export const KNOWN_MIGRATED_PACKAGES: ReadonlySet<string> = new Set([
  '@backstage/plugin-app-backend',
  '@backstage/plugin-auth-backend',
  '@backstage/plugin-catalog-backend',
  '@backstage/plugin-devtools-backend',
  '@backstage/plugin-events-backend',
  '@backstage/plugin-kubernetes-backend',
  '@backstage/plugin-notifications-backend',
  '@backstage/plugin-permission-backend',
  '@backstage/plugin-proxy-backend',
  '@backstage/plugin-scaffolder-backend',
  '@backstage/plugin-search-backend',
  '@backstage/plugin-signals-backend',
  '@backstage/plugin-techdocs-backend',
]);
