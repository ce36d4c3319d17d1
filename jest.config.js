/**
 * One jest run for the whole workspace. Tests import workspace packages by name; they resolve to
 * the TypeScript sources, so `pnpm test` needs no build. ts-jest only transpiles (isolatedModules);
 * `tsc -b` and `tsc -p tsconfig.test.json` do the type checking.
 */
const packages = {
  core: 'packages/core',
  runner: 'packages/runner',
  testkit: 'packages/testkit',
  'adapter-git': 'adapters/git',
  'adapter-forgejo': 'adapters/forgejo',
};

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/packages', '<rootDir>/adapters', '<rootDir>/bench'],
  testMatch: ['**/test/**/*.test.ts'],
  moduleNameMapper: {
    ...Object.fromEntries(
      Object.entries(packages).map(([name, dir]) => [
        `^@forgegate/${name}$`,
        `<rootDir>/${dir}/src/index.ts`,
      ]),
    ),
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json' }],
  },
  testTimeout: 60000,
};
