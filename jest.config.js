/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // The package's ES build does not load under CommonJS; its UMD build does.
  moduleNameMapper: {
    '^adaptivecards$': '<rootDir>/node_modules/adaptivecards/dist/adaptivecards.js',
    // @microsoft/app-manifest requires the ES-module-only strip-bom, which Jest's CommonJS loader cannot load.
    '^strip-bom$': '<rootDir>/test/manifest/strip-bom.js',
  },
  testTimeout: 30000,
  maxWorkers: 2,
};
