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
  setupFiles: ['<rootDir>/test/support/setup.ts'],
};
