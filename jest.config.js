// ESM preset: AdminJS 7 is ESM-only, so the whole project (and its tests) is ESM.
// Type checking is done once by `npm run typecheck`; ts-jest only transpiles (isolatedModules) to stay fast.
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { useESM: true, tsconfig: { isolatedModules: true } }],
  },
  testTimeout: 60000,
  // On two cores Jest would run every file inside its own main process, whose heap then grows file after file
  // (ESM modules are never freed) until it dies near 4 GB, as a CI run did. A memory limit makes Jest
  // use a worker and replace it once it holds more than this after a file.
  workerIdleMemoryLimit: '1200MB',
  setupFiles: ['<rootDir>/test/support/setup.ts'],
};
