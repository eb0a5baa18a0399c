// One jest run for unit (*.spec.ts beside the code) and integration/e2e suites (test/**/*.e2e-spec.ts).
// Integration suites share the PostgreSQL database named by TEST_DATABASE_URL (see test/support).
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    module: { type: 'commonjs' },
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/machines', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/web/'],
  // NestJS 12 ships ES modules only: jest's CommonJS runtime needs them transformed too.
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|uid|openid-client|oauth4webapi|jose|oidc-provider)/)'],
  moduleNameMapper: {
    '^@koers/machines/(.*)$': '<rootDir>/machines/$1',
    '^@koers/([^/]+)$': '<rootDir>/libs/$1/src',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
};
