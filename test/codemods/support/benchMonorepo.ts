/**
 * The benchmark's legacy monorepo generator (bench/codemod), typed for tests: N plugin packages in the
 * `createRouter(options)` style and a backend whose index mounts each through a local plugin file.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bench = require('../../../bench/codemod/generateMonorepo') as { generateMonorepo(root: string, count: number): number };

export const generateMonorepo: (root: string, count: number) => number = bench.generateMonorepo;
