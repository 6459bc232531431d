import { defineConfig } from 'vitest/config';

// One runner for the whole tree: unit tests beside the code, cross-component tests under test/.
export default defineConfig({
  test: {
    include: ['{disaster,backend,stb-bridge,tv-app,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
