/** Unit specs sit beside the code; end-to-end specs in test/ run the whole app on a real PostgreSQL. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];
const common = {
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  transform: {
    '^.+\\.tsx?$': tsJest,
    // NestJS's packages are ES modules, which Jest loads from CommonJS only on Node 24.9+.
    '/node_modules/@nestjs/.+\\.js$': '<rootDir>/test/support/esm-to-commonjs.mjs',
  },
  // Nothing else in node_modules is transformed: libsodium-wrappers, for one, breaks when it is.
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/)'],
  testEnvironment: 'node',
};

module.exports = {
  // A guard against hangs, not a speed limit: set-up on a busy 2-core machine can take minutes.
  testTimeout: 300000,
  // End-to-end files wait on PostgreSQL and child processes more than on the CPU: two at a time
  // finish in about two thirds of the time on a 2-core machine.
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'unit', rootDir: '.', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx'] },
    {
      ...common,
      displayName: 'e2e',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
