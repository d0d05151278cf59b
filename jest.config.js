/** Jest runs the TypeScript sources directly through swc; no build step is needed for tests. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/published-plugins, test/published-backstage and test/published-new-system hold separate npm installs of real
  // published packages (loaded or type-checked by path in a few tests).
  testPathIgnorePatterns: [
    '/node_modules/',
    '/fixtures/',
    '<rootDir>/test/published-plugins/',
    '<rootDir>/test/published-backstage/',
    '<rootDir>/test/published-new-system/',
  ],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  moduleNameMapper: {
    '^forklift/framework$': '<rootDir>/framework/index.ts',
    '^forklift/framework/testing$': '<rootDir>/framework/testing/index.ts',
    '^forklift/legacy-bridge$': '<rootDir>/legacy-bridge/index.ts',
  },
  modulePathIgnorePatterns: [
    '<rootDir>/dist/',
    '<rootDir>/test/fixtures/',
    '<rootDir>/test/published-plugins/node_modules/',
    '<rootDir>/test/published-backstage/',
    '<rootDir>/test/published-new-system/node_modules/',
  ],
  maxWorkers: 2,
  testTimeout: 30000,
};
