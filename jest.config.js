/** Jest runs the TypeScript sources directly through swc; no build step is needed for tests. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/fixtures/'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  moduleNameMapper: {
    '^forklift/framework$': '<rootDir>/framework/index.ts',
    '^forklift/framework/testing$': '<rootDir>/framework/testing/index.ts',
    '^forklift/legacy-bridge$': '<rootDir>/legacy-bridge/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/test/fixtures/'],
  maxWorkers: 2,
  testTimeout: 30000,
};
