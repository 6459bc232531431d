import { defineConfig } from 'vitest/config';

/**
 * Files that reach the card through PC/SC (pcscd + vpcd) or drive a browser: each in a process of its own, since
 * the pcsclite binding keeps its context per process (shared, the next file's reader found the last one's state).
 */
const ownProcess = [
  'test/card/**/*.test.ts',
  'test/browser/**/*.test.ts',
  'test/shelter/**/*.test.ts',
  'test/support/**/*.test.ts',
  'stb-bridge/src/virtual-card/**/*.test.ts',
];

// *.case.test.ts files are shared suites, run by each implementation's own test file.
const exclude = ['**/node_modules/**', '**/dist/**', '**/*.case.test.ts'];

// One runner for the whole tree: unit tests beside the code, cross-component tests under test/.
export default defineConfig({
  test: {
    exclude,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker per core minus one: a single worker on the 2-core CI machine, where much
    // test time is waiting (sockets, pcscd), so two workers finish sooner; three were no faster (15 m 32 s vs
    // 15 m 20 s): the browsers, PostgreSQL and pcscd keep both cores busy.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['{disaster,backend,stb-bridge,tv-app,test}/**/*.test.ts'],
          exclude: [...exclude, ...ownProcess],
          // Test files share their worker's modules instead of importing their graph afresh: backend +
          // disaster 322 → 214 s (module collection 75 → 15 s). No test mocks modules; fake timers and stubbed
          // env are restored by the files that use them.
          isolate: false,
        },
      },
      { extends: true, test: { name: 'own-process', include: ownProcess } },
    ],
  },
});
