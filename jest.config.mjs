// Jest: TypeScript through SWC (no type-check here; `npm run typecheck` does that), unit, integration and deployed-stack projects.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|m?j)s$': swc },
  // Middy ships ESM only; let SWC turn it into CommonJS like our own sources.
  transformIgnorePatterns: ['/node_modules/(?!@middy/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
};

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    // Integration tests wait on a whole local cloud: a loaded CI machine must not turn waiting into a failure.
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'], slowTestThreshold: 30, testTimeout: 120_000 },
    // The stack contract against a deployed stack (LocalStack or AWS); run by npm run test:localstack / test:deployed only.
    { ...common, displayName: 'stack', testMatch: ['<rootDir>/test/stack/**/*.test.ts'] },
  ],
};
