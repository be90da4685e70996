/**
 * One jest run, five projects:
 * unit (node), emulator (conformance of the local cloud, real wx-server-sdk), functions (cloud functions
 * through the local cloud), components (H5 components in jsdom) and e2e (H5 build in Debian's Chromium).
 */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' } }];
const moduleNameMapper = { '^@honglin/types/(.*)$': '<rootDir>/types/$1' };

const nodeProject = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  roots: [`<rootDir>/tests/${name}`],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper,
  ...extra,
});

module.exports = {
  // A test's timeout only catches a hang. It is longer than any test takes on a 2-core machine at load 8 (a build
  // running beside the suite), so a busy machine never turns a test red; tests wait for conditions, never for time.
  // (A global option: jest ignores testTimeout inside a project.)
  testTimeout: 10 * 60_000,
  reporters: ['default', '<rootDir>/tests/setup/summary-reporter.js'],
  projects: [
    nodeProject('unit'),
    nodeProject('emulator', { globalSetup: '<rootDir>/tests/setup/emulator-global-setup.ts' }),
    nodeProject('functions', {
      globalSetup: '<rootDir>/tests/setup/functions-global-setup.ts',
      globalTeardown: '<rootDir>/tests/setup/functions-global-teardown.ts',
    }),
    {
      displayName: 'components',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/tests/components'],
      testMatch: ['**/*.test.tsx'],
      setupFiles: ['<rootDir>/tests/setup/taro-h5-globals.js'],
      transform: { '^.+\\.(mjs|[tj]sx?)$': 'babel-jest' },
      transformIgnorePatterns: [],
      moduleNameMapper: {
        ...moduleNameMapper,
        '^@/(.*)$': '<rootDir>/src/$1',
        '^@tarojs/components$': '@tarojs/components/lib/react',
        '^@tarojs/taro$': '@tarojs/taro-h5',
        '\\.(css|scss)$': '<rootDir>/tests/setup/style-stub.js',
      },
    },
    nodeProject('e2e', {
      globalSetup: '<rootDir>/tests/setup/e2e-global-setup.ts',
      globalTeardown: '<rootDir>/tests/setup/e2e-global-teardown.ts',
    }),
  ],
};
