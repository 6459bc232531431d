import { defineConfig } from 'vitest/config';

// One runner for the whole tree: unit tests beside the code, cross-component tests under test/.
export default defineConfig({
  test: {
    include: ['{disaster,backend,stb-bridge,tv-app,test}/**/*.test.ts'],
    // *.case.test.ts files are shared suites, run by each implementation's own test file.
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.case.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker per core minus one: a single worker on the 2-core CI machine. Most test
    // time is waiting (browsers, sockets, pcscd): with two workers the cores were still 40 % idle, so three.
    maxWorkers: 3,
  },
});
